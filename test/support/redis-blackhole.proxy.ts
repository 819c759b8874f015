import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** How much of a connection's first bytes is searched for its CLIENT SETNAME. */
const SNIFF_BYTES = 4096;

export interface RedisBlackholeProxy {
  /** redis://127.0.0.1:<port>, to give the middleware as REDIS_URL. */
  url: string;
  /**
   * From now on, every connection whose name (CLIENT SETNAME) contains `namePart` goes
   * silent: its socket stays open, and nothing passes either way. A connection that died
   * without closing, as a dropped NAT entry or a hung peer leaves it.
   */
  blackhole(namePart: string): void;
  /** Ends the silence: the silenced sockets are closed, so their clients reconnect. */
  heal(): void;
  /** How many connections are silent now. */
  silenced(): number;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  sniffed: string;
  silent: boolean;
}

/** A TCP proxy in front of Redis that can silence chosen connections (for heartbeat tests). */
export async function startRedisBlackholeProxy(target: { host: string; port: number }): Promise<RedisBlackholeProxy> {
  const pairs = new Set<Pair>();
  let pattern: string | undefined;
  const silenceIfNamed = (pair: Pair) => {
    if (pattern !== undefined && pair.sniffed.includes(pattern)) pair.silent = true;
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const pair: Pair = { client, upstream, sniffed: '', silent: false };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (pair.sniffed.length < SNIFF_BYTES) {
        pair.sniffed += chunk.toString('latin1');
        silenceIfNamed(pair);
      }
      if (!pair.silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!pair.silent) client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    blackhole(namePart) {
      pattern = namePart;
      pairs.forEach(silenceIfNamed);
    },
    heal() {
      pattern = undefined;
      for (const pair of pairs) {
        if (!pair.silent) continue;
        pair.client.destroy();
        pair.upstream.destroy();
      }
    },
    silenced: () => [...pairs].filter((p) => p.silent).length,
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
