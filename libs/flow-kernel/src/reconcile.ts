import { DiscoveryService } from '@nestjs/core';
import type { DriftItem } from '@brygga/domain';

/** Waits until the tenant may have one more read (the run's rate per tenant). */
export type ReadPace = (tenant: string) => Promise<void>;

/** One batch of a flow's downstream check: what drifted, and how many records (customers, staff) it covered. */
export interface DriftBatch {
  items: DriftItem[];
  checked: number;
}

/**
 * What a flow offers a reconciliation run: every record it applied, read back from the
 * planning tool through the contract's GETs (each read after `pace`) and compared with
 * what it would send now; and the re-send of exactly the drifted items through its
 * normal path. Each flow provides one, marked `@ReconciledFlow()`, found by discovery.
 */
export interface FlowReconcile {
  readonly flow: string;
  downstream(pace: ReadPace, batch: (b: DriftBatch) => Promise<void>): Promise<void>;
  /** The source system read whole (its feed from the start, its schedules over the horizon) against what the flow stored and applied. */
  upstream(): Promise<DriftBatch>;
  /**
   * Sends what the items need and nothing else, and takes in again what upstream had that
   * the flow lacked; journals each record repaired (`reconcile.repair`, see
   * `sendRepairWrites`); answers how many operations (planning writes, documents or jobs) it took.
   */
  repair(items: DriftItem[], attempt: RepairAttempt): Promise<number>;
}

/**
 * One repair of a run's items: the run, the attempt (`a1`, `a2`, …) and who asked:
 * `schedule` (the nightly run repairing its own drift, RECONCILE_REPAIR=true) or
 * `operator` (the API's repair; the token is named in its audit entry, not in the journal).
 */
export interface RepairAttempt {
  runId: string;
  attempt: string;
  by: 'schedule' | 'operator';
}

/** The attempt's own scope for idempotency keys and job ids: a repair repeated is the same, another attempt is not. */
export function repairScope({ runId, attempt }: RepairAttempt): string {
  return `${runId}-${attempt}`;
}

export const ReconciledFlow = DiscoveryService.createDecorator<void>();

/**
 * Reads spaced per tenant: at most `perSecond` a second each, one tenant never waiting on
 * another. In-process: one run executes in one job at a time, so its reads are all here.
 */
export class TenantReadPacer {
  private readonly next = new Map<string, number>();
  private readonly gapMs: number;

  constructor(
    perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.gapMs = 1000 / perSecond;
  }

  readonly pace: ReadPace = async (tenant) => {
    const now = this.now();
    const slot = Math.max(now, this.next.get(tenant) ?? now);
    this.next.set(tenant, slot + this.gapMs);
    if (slot > now) await this.sleep(slot - now);
  };
}
