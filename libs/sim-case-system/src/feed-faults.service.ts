import { Injectable } from '@nestjs/common';

export type FeedFaultStatus = 429 | 503;

export interface FeedFault {
  status: FeedFaultStatus;
  retryAfter?: number;
}

/** Faults armed through /_sim/faults: the next N feed requests fail with the given status. */
@Injectable()
export class FeedFaults {
  private armed: FeedFault | undefined;
  private remaining = 0;

  arm(fault: FeedFault, count: number): void {
    this.armed = fault;
    this.remaining = count;
  }

  /** The fault for this request, if one is still armed. */
  take(): FeedFault | undefined {
    if (!this.armed || this.remaining <= 0) return undefined;
    this.remaining -= 1;
    return this.armed;
  }

  reset(): void {
    this.armed = undefined;
    this.remaining = 0;
  }
}
