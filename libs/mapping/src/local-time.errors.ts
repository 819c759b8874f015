import type { ReasonCode } from '@brygga/domain';

/** A local time inside the hour the clocks skip in spring: it never happened, so it cannot be sent on. */
export class SkippedLocalTimeError extends Error {
  readonly code: ReasonCode = 'local-time.skipped';

  constructor(
    readonly date: string,
    readonly time: string,
    readonly timeZone: string,
  ) {
    super(`local time ${date} ${time} does not exist in ${timeZone} (the clocks skip it)`);
    this.name = 'SkippedLocalTimeError';
  }
}

/** Times that cannot be put in order (a break outside its shift, an interval that ends before it starts). */
export class LocalTimesOutOfOrderError extends Error {
  readonly code: ReasonCode = 'local-time.out-of-order';

  constructor(
    readonly date: string,
    readonly detail: string,
  ) {
    super(`times on ${date} are out of order: ${detail}`);
    this.name = 'LocalTimesOutOfOrderError';
  }
}
