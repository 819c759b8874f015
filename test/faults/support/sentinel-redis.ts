import Redis from 'ioredis';
import { eventually, launchRedisServer, type RedisServerProcess } from '@brygga/testing';

/**
 * A Sentinel group of the test's own on 127.0.0.1: a master, one replica and three sentinels
 * (quorum 2), each its own redis-server process, port and directory. The data nodes keep an
 * AOF (everysec), as the compose file's Redis does.
 */
export interface SentinelGroup {
  name: string;
  master: RedisServerProcess;
  replica: RedisServerProcess;
  sentinels: RedisServerProcess[];
  /** REDIS_SENTINELS for the middleware. */
  sentinelsEnv: string;
  /** What the sentinels answer for the master now (`SENTINEL get-master-addr-by-name`). */
  masterPort(): Promise<number>;
  /** `WAIT` on the master until the replica has every write the master had when it was called; false if it did not within `timeoutMs`. */
  replicaCaughtUp(timeoutMs: number): Promise<boolean>;
  /** The old master started again on its port and data (as systemd would): it comes back a master with old data, until the sentinels demote it. */
  restartOldMaster(): Promise<RedisServerProcess>;
  stop(): Promise<void>;
}

/** Down after 1 s without an answer; the failover (election, promotion) itself takes about as long again. */
export const DOWN_AFTER_MS = 1000;
const DATA_NODE = ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--repl-diskless-sync-delay', '0'];

async function ask<T>(port: number, run: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  try {
    await r.connect();
    return await run(r);
  } finally {
    r.disconnect();
  }
}

export const roleOf = (port: number): Promise<string> => ask(port, async (r) => String(((await r.call('ROLE')) as unknown[])[0]));

/**
 * Starts the group and waits until every sentinel knows the replica and the two other
 * sentinels: before that a failover cannot be agreed on.
 */
export async function startSentinelGroup(name = 'brygga'): Promise<SentinelGroup> {
  const started: RedisServerProcess[] = [];
  const launch = async (options: Parameters<typeof launchRedisServer>[0]) => {
    const server = await launchRedisServer(options);
    started.push(server);
    return server;
  };
  try {
    const master = await launch({ args: DATA_NODE });
    const replica = await launch({ args: [...DATA_NODE, '--replicaof', '127.0.0.1', String(master.port)] });
    const conf = [
      `sentinel monitor ${name} 127.0.0.1 ${master.port} 2`,
      `sentinel down-after-milliseconds ${name} ${DOWN_AFTER_MS}`,
      `sentinel failover-timeout ${name} 10000`,
      `sentinel parallel-syncs ${name} 1`,
    ];
    const sentinels = await Promise.all([1, 2, 3].map(() => launch({ sentinelConf: conf })));
    await eventually(
      async () => {
        for (const s of sentinels) {
          const known = await ask(s.port, async (r) => [(await r.call('SENTINEL', 'REPLICAS', name)) as unknown[], (await r.call('SENTINEL', 'SENTINELS', name)) as unknown[]]);
          if (known[0].length < 1 || known[1].length < 2) return undefined;
        }
        return (await ask(replica.port, (r) => r.info('replication'))).includes('master_link_status:up') ? true : undefined;
      },
      'the sentinels to know the replica and each other',
      30_000,
      100,
    );
    return {
      name,
      master,
      replica,
      sentinels,
      sentinelsEnv: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
      async masterPort() {
        for (const s of sentinels) {
          const addr = await ask(s.port, (r) => r.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name) as Promise<string[] | null>).catch(() => null);
          if (addr) return Number(addr[1]);
        }
        throw new Error('no sentinel answered for the master');
      },
      replicaCaughtUp: (timeoutMs) =>
        ask(master.port, async (r) => {
          // WAIT counts from this connection's last write: one write of its own makes it cover every write before it.
          await r.set(`sentinel-group:${name}:wait-marker`, String(Date.now()));
          return ((await r.call('WAIT', '1', String(timeoutMs))) as number) >= 1;
        }),
      restartOldMaster: () => launch({ args: DATA_NODE, port: master.port, dir: master.dir }),
      async stop() {
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}
