import type { Job } from 'bullmq';
import { ALL_JOB_NAMES, JobName, JobPayloads } from './job-payloads';

/** A handler gets the job and its lock token (needed to move the job to delayed itself). */
export type JobHandlerFn<K extends JobName> = (job: Job<JobPayloads[K], unknown, K>, token?: string) => Promise<unknown>;

/** A provider of handlers for some job names (a processor class implements this). */
export interface JobHandlerProvider {
  handlers(): { [K in JobName]?: JobHandlerFn<K> };
}

export type HandlerTable = { [K in JobName]: JobHandlerFn<K> };

export class HandlerRegistryError extends Error {
  constructor(problems: string[]) {
    super(`Refusing to start the workers: ${problems.join('; ')}`);
    this.name = 'HandlerRegistryError';
  }
}

/**
 * Joins the providers' handlers into one table and refuses a job name with no handler
 * or with two: a job without a handler would sit in Redis forever, and two handlers
 * would make the outcome depend on registration order.
 */
export function buildHandlerTable(providers: JobHandlerProvider[], required: readonly JobName[] = ALL_JOB_NAMES): HandlerTable {
  const table: Partial<Record<JobName, unknown>> = {};
  const problems: string[] = [];
  for (const provider of providers) {
    for (const [name, fn] of Object.entries(provider.handlers())) {
      if (!fn) continue;
      if (table[name as JobName]) problems.push(`job '${name}' has two handlers (${provider.constructor.name} is the second)`);
      else table[name as JobName] = fn;
    }
  }
  for (const name of required) if (!table[name]) problems.push(`job '${name}' has no handler`);
  for (const name of Object.keys(table)) {
    if (!required.includes(name as JobName)) problems.push(`handler for unknown job '${name}'`);
  }
  if (problems.length > 0) throw new HandlerRegistryError(problems);
  return table as HandlerTable;
}
