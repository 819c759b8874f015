import type { LoggerService } from '@nestjs/common';
import type { GenerateRequest } from './roster.generator';

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

/** Options from the environment: `SCHEDULING_SYSTEM_TOKEN`, demo default otherwise. */
export function schedulingSystemSimOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SchedulingSystemSimOptions {
  const token = env.SCHEDULING_SYSTEM_TOKEN?.trim();
  return { apiToken: token ? token : DEMO_SCHEDULING_SYSTEM_TOKEN };
}
