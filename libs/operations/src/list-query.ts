import { BadRequestException } from '@nestjs/common';

/** The filters every operations list shares; each checked here, so a caller (the API, the page) gets a 400 naming the parameter. */
export interface AgeFilter {
  /** Only items at least this many minutes old. */
  olderThanMinutes?: number;
  /** Only items at most this many minutes old. */
  newerThanMinutes?: number;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
const MAX_MINUTES = 366 * 24 * 60;
/** Reason codes, flows, queues: ids and codes, never free text. */
const CODE = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export function checkedLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return limit;
}

export function checkedCode(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !CODE.test(value)) throw new BadRequestException(`${name} must be a code (a-z 0-9 . _ -)`);
  return value;
}

export function checkedOneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) throw new BadRequestException(`${name} must be one of ${allowed.join(', ')}`);
  return value as T | undefined;
}

/** The age filter as score bounds (epoch ms) at `now`. */
export function ageBounds(filter: AgeFilter, now: Date): { min?: number; max?: number } {
  for (const name of ['olderThanMinutes', 'newerThanMinutes'] as const) {
    const v = filter[name];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > MAX_MINUTES)) throw new BadRequestException(`${name} must be a whole number of minutes from 0 to ${MAX_MINUTES}`);
  }
  const at = (minutes: number | undefined) => (minutes === undefined ? undefined : now.getTime() - minutes * 60_000);
  return { max: at(filter.olderThanMinutes), min: at(filter.newerThanMinutes) };
}
