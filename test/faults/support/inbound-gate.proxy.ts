import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A push the API answered `202`: when the answer passed, and the stored document's id. */
export interface Acknowledged {
  at: number;
  documentId: string;
}

/**
 * Between the vendors' simulators and the API: passes every request through, notes each
 * `202` (the API's "stored"), and can hold new requests while letting those in flight finish,
 * so a test knows exactly which pushes were acknowledged before a moment it chooses.
 */
export interface InboundGate {
  url: string;
  acknowledged: Acknowledged[];
  /** Answers other than 202 (a sender retries those): status and time. */
  refused: Array<{ at: number; status: number }>;
  /** Holds requests from now on; resolves once none is in flight. */
  pause(): Promise<void>;
  resume(): void;
  close(): Promise<void>;
}

export async function startInboundGate(target: string): Promise<InboundGate> {
  const to = new URL(target);
  let inFlight = 0;
  let paused = false;
  let open: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  let drained: (() => void) | undefined;
  const gate: Omit<InboundGate, 'url'> = {
    acknowledged: [],
    refused: [],
    async pause() {
      paused = true;
      open = new Promise<void>((resolve) => (release = resolve));
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
    },
    resume() {
      paused = false;
      release();
    },
    close: async () => {
      gate.resume();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> =>
    new Promise((resolve) => {
      const out = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(chunks);
          const status = answer.statusCode ?? 502;
          if (status === 202) gate.acknowledged.push({ at: Date.now(), documentId: String((JSON.parse(text.toString('utf8')) as { documentId?: string }).documentId) });
          else gate.refused.push({ at: Date.now(), status });
          res.writeHead(status, answer.headers).end(text);
          resolve();
        });
      });
      out.on('error', () => {
        gate.refused.push({ at: Date.now(), status: 502 });
        res.writeHead(502).end();
        resolve();
      });
      out.end(body);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        while (paused) await open;
        inFlight += 1;
        await forward(req, res, Buffer.concat(chunks));
        inFlight -= 1;
        if (inFlight === 0 && drained) {
          drained();
          drained = undefined;
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { ...gate, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
