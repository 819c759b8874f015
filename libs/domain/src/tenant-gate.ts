/**
 * Why a tenant takes no writes now: an operator's maintenance window, its circuit breaker
 * open after repeated failures, or the time its own Retry-After named. All end at a known time.
 */
export type TenantUnavailableCause = 'maintenance' | 'breaker' | 'throttled';

/**
 * No write may go to this tenant before `until`. Not a failure of the job: the flow kernel
 * turns it into a delay to `until` that spends no attempt (see `waitOutUnavailableTenant`).
 * The message names the tenant and the cause only (a window's reason is operator text, never logged).
 */
export class TenantUnavailable extends Error {
  override readonly name = 'TenantUnavailable';

  constructor(
    readonly tenant: string,
    readonly until: Date,
    override readonly cause: TenantUnavailableCause,
    /** The send's own failure, when it was sent and its failure left the breaker open (the journal records that answer). */
    readonly failure?: unknown,
  ) {
    super(`planning tenant '${tenant}' takes no writes until ${until.toISOString()} (${cause})`);
  }
}

/** How a gated send ended for the tenant: it answered as a tool (2xx, a refusal of our payload), or it did not (5xx, timeout, network, 401). */
export type TenantSendOutcome = 'answered' | 'failed';

/**
 * One admitted send; told how it ended, exactly once. A failure that leaves the tenant's
 * breaker open answers a TenantUnavailable to throw instead: that job waits for the next
 * probe like the others, rather than spending an attempt on a tenant known to be down.
 */
export interface TenantPass {
  /** `retryAfterMs`: the tool named a time (429/503 with Retry-After) before which the tenant takes nothing more. */
  settle(outcome: TenantSendOutcome, failure?: unknown, retryAfterMs?: number): Promise<TenantUnavailable | undefined>;
}

/**
 * Asked before every send to a tenant: admits it (a pass to settle), or throws
 * TenantUnavailable. Defined here so the planning-tool adapter can call it without knowing
 * who decides (the flow kernel's windows and breaker, handed over by the process).
 */
export interface TenantGate {
  admit(tenant: string): Promise<TenantPass>;
}
