import type { Worker } from 'bullmq';

export interface HeartbeatOptions {
  /** How often each worker's blocking connection is asked for a round trip. */
  intervalMs: number;
  /** A worker whose last round trip is older than this is not consuming. */
  staleMs: number;
}

/** One worker's heartbeat as of a moment: when its blocking connection last answered. */
export interface WorkerBeat {
  queue: string;
  lastBeatAt: string;
  ageMs: number;
  stale: boolean;
}

interface Pinging {
  ping(): Promise<unknown>;
}

function canPing(client: unknown): client is Pinging {
  return typeof (client as Partial<Pinging> | undefined)?.ping === 'function';
}

/**
 * Whether each worker is really consuming, not merely alive: every interval a PING goes
 * down the worker's own blocking connection (the one its BZPOPMIN waits on). A live
 * connection answers as soon as the current blocking wait returns (at most BullMQ's block
 * timeout, 10 s); a connection that died silently (socket open, nothing coming back)
 * never answers, and the beat goes stale. Hand-written because neither BullMQ nor
 * terminus watches a worker's blocking connection.
 */
export class WorkerHeartbeats {
  private readonly beats = new Map<string, number>();
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly options: HeartbeatOptions,
    /** Told when a round trip fails outright (it may also just never answer). */
    private readonly onMiss: (queue: string, error: Error) => void = () => undefined,
  ) {}

  /** Starts beating; a worker counts as beating from now until its first round trip is due. */
  start(workers: ReadonlyMap<string, Worker>): void {
    const now = Date.now();
    for (const queue of workers.keys()) this.beats.set(queue, now);
    this.timer = setInterval(() => {
      for (const [queue, worker] of workers) this.beat(queue, worker);
    }, this.options.intervalMs);
    this.timer.unref();
  }

  report(now: number = Date.now()): WorkerBeat[] {
    return [...this.beats].map(([queue, at]) => ({ queue, lastBeatAt: new Date(at).toISOString(), ageMs: now - at, stale: now - at > this.options.staleMs }));
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private beat(queue: string, worker: Worker): void {
    // One round trip in flight per worker; one that hangs is given up after staleMs (by then the beat is stale anyway).
    if (this.pending.has(queue)) return;
    this.pending.add(queue);
    let timer: NodeJS.Timeout | undefined;
    const givenUp = new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.options.staleMs} ms`)), this.options.staleMs);
    });
    Promise.race([this.roundTrip(worker), givenUp])
      .then(
        () => this.beats.set(queue, Date.now()),
        (error: Error) => this.onMiss(queue, error),
      )
      .finally(() => {
        clearTimeout(timer);
        this.pending.delete(queue);
      });
  }

  private async roundTrip(worker: Worker): Promise<void> {
    const client: unknown = await worker.backend.blockingClient;
    if (!canPing(client)) throw new Error('the worker has no blocking connection to ping');
    await client.ping();
  }
}
