import { Agent, request } from 'node:http';
import { sleep } from './bench-result';

export interface OpenLoopRun {
  sent: number;
  seconds: number;
  /** How late each request left against its schedule, ms: this process's own lag, which a busy machine adds. */
  lateMs: number[];
}

/**
 * Fires `rate` calls a second for `seconds`, each at its scheduled time whatever the
 * answers to earlier ones (an open loop: a slow server gets more requests in flight, as
 * from real senders, instead of fewer as from a client waiting for each answer).
 */
export async function openLoop(rate: number, seconds: number, fire: (n: number) => Promise<void>): Promise<OpenLoopRun> {
  const total = Math.round(rate * seconds);
  const intervalMs = 1000 / rate;
  const lateMs: number[] = [];
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now();
  let n = 0;
  while (n < total) {
    const now = performance.now();
    while (n < total && start + n * intervalMs <= now) {
      lateMs.push(now - (start + n * intervalMs));
      inFlight.push(fire(n));
      n++;
    }
    await sleep(Math.max(0, start + n * intervalMs - performance.now()));
  }
  await Promise.all(inFlight);
  return { sent: total, seconds: (performance.now() - start) / 1000, lateMs };
}

export interface Answer {
  /** 0 when no answer came: see `error`. */
  status: number;
  /** From handing the request to the socket layer until the whole answer was read (or it was given up). */
  ms: number;
  /** `timeout`, or the socket error's code (ECONNRESET, ...). */
  error?: string;
  /** It went out on a connection opened for it (none was idle): a sender ahead of the server opens many. */
  newConnection: boolean;
}

/** Keep-alive sockets, as a vendor system pushing all day would hold them; no cap, so none waits for a socket. */
const agent = new Agent({ keepAlive: true });

/**
 * One POST over node:http (axios would add its own cost to every one of hundreds a
 * second). Never rejects: a status, or an error after at most `timeoutMs`, so that an
 * overloaded server ends the part instead of holding it.
 */
export function post(url: string, body: Buffer, headers: Record<string, string>, timeoutMs = 10_000): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, ms: elapsed(), newConnection: !req.reusedSocket });
      });
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })), timeoutMs);
    req.on('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      resolve({ status: 0, ms: elapsed(), error: error.code ?? 'error', newConnection: !req.reusedSocket });
    });
    req.end(body);
  });
}
