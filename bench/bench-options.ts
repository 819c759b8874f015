import { MiddlewareEnv } from '../apps/middleware/src/config/middleware.env';

/** What `npm run bench -- [--quick] [--clients N] [--strict]` runs. */
export interface PipelineOptions {
  quick: boolean;
  /** Missed targets exit with status 2 (never with --quick, which has none). */
  strict: boolean;
  clients: number;
  rawJobs: number;
  /** The assignments queue's concurrency per worker process, the middleware's own WORKER_CONCURRENCY. */
  concurrency: number;
  steady: { rate: number; seconds: number; drainTimeoutSeconds: number };
  ack: { rate: number; seconds: number };
  /** Worker processes for each full load of part 6; the first one's run is part 2. */
  scaleOut: number[];
  loadTimeoutSeconds: number;
}

const USAGE = 'usage: npm run bench -- [--quick] [--clients N] [--strict]';

/** WORKER_CONCURRENCY as the middleware reads it (its default unless set here), so both parts run at the same. */
function workerConcurrency(env: NodeJS.ProcessEnv): number {
  const set = env.WORKER_CONCURRENCY;
  if (set === undefined) return new MiddlewareEnv().WORKER_CONCURRENCY;
  const n = Number(set);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`WORKER_CONCURRENCY must be an integer from 1 to 256, got '${set}'`);
  return n;
}

export function pipelineOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): PipelineOptions {
  let quick = false;
  let strict = false;
  let clients: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--strict') strict = true;
    else if (arg === '--clients' || arg.startsWith('--clients=')) {
      const value = arg === '--clients' ? argv[++i] : arg.slice('--clients='.length);
      clients = Number(value);
      if (!Number.isInteger(clients) || clients < 100 || clients > 200_000) throw new Error(`--clients must be an integer from 100 to 200000, got '${value}'. ${USAGE}`);
    } else throw new Error(`unknown argument '${arg}'. ${USAGE}`);
  }
  const n = clients ?? (quick ? 2_000 : 20_000);
  return {
    quick,
    strict: strict && !quick,
    clients: n,
    rawJobs: n,
    concurrency: workerConcurrency(env),
    steady: { rate: 200, seconds: quick ? 5 : 60, drainTimeoutSeconds: quick ? 30 : 120 },
    ack: { rate: 500, seconds: quick ? 3 : 10 },
    scaleOut: quick ? [1, 2] : [1, 2, 4],
    loadTimeoutSeconds: Math.max(120, Math.ceil(n / 50)),
  };
}
