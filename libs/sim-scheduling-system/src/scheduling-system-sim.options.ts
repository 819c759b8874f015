import type { LoggerService } from '@nestjs/common';
import type { GenerateRequest } from './roster.generator';
import { stockholmDate } from './stockholm-time';

export const DEMO_SCHEDULING_SYSTEM_TOKEN = 'schedule-api-demo-token';
export const SCHEDULING_SYSTEM_SIM_OPTIONS = Symbol('SCHEDULING_SYSTEM_SIM_OPTIONS');

export interface SchedulingSystemSimOptions {
  /** Bearer token the simulated API demands. */
  apiToken: string;
  /** `false` silences Nest; default: Nest's own logger. */
  logger?: false | LoggerService;
  /** The clock for `generated` stamps; tests pin it. */
  now?: () => Date;
  /** Rosters to generate when the app is created, so a demo starts with data. */
  generate?: GenerateRequest;
  /** Attempts per document when publishing (the first included); default 4. */
  publishAttempts?: number;
  /** First retry delay in ms, doubled per retry; default 100. */
  publishBackoffMs?: number;
}

const DEFAULT_DEMO_DAYS = 28;

/**
 * Options from the environment: `SCHEDULING_SYSTEM_TOKEN` (demo default otherwise);
 * `SCHEDULING_SYSTEM_SEED` makes the simulator start with rosters from today for
 * `SCHEDULING_SYSTEM_DAYS` days (default 28).
 */
export function schedulingSystemSimOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): SchedulingSystemSimOptions {
  const token = env.SCHEDULING_SYSTEM_TOKEN?.trim();
  const options: SchedulingSystemSimOptions = { apiToken: token ? token : DEMO_SCHEDULING_SYSTEM_TOKEN };
  const seed = env.SCHEDULING_SYSTEM_SEED?.trim();
  if (seed) {
    const days = env.SCHEDULING_SYSTEM_DAYS === undefined ? DEFAULT_DEMO_DAYS : Number(env.SCHEDULING_SYSTEM_DAYS);
    if (!Number.isInteger(days) || days < 1 || days > 400) throw new Error('SCHEDULING_SYSTEM_DAYS: integer 1..400');
    options.generate = { seed: /^\d+$/.test(seed) ? Number(seed) : seed, from: stockholmDate(now), days };
  }
  return options;
}
