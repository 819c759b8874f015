import { Injectable, Logger } from '@nestjs/common';
import { type TenantGate, type TenantPass, type TenantSendOutcome, TenantUnavailable } from '@brygga/domain';
import { MaintenanceWindowsStore } from './maintenance-windows.store';
import { type BreakerTransition, TenantBreakerStore } from './tenant-breaker.store';
import { TenantThrottleStore } from './tenant-throttle.store';

const SAID: Record<BreakerTransition, string> = {
  opened: 'circuit breaker OPENED: its writes wait for a probe',
  reopened: 'probe failed, circuit breaker stays open (longer probe interval)',
  closed: 'circuit breaker closed: the tenant answers again',
};

/**
 * "May I write to tenant X now?", asked by the planning clients before every send: not
 * during its maintenance window, not before the time its Retry-After named, not while its
 * breaker is open (but as the one probe when the probe time has come). One round trip per
 * request (a batch shared by several jobs asks once), and one to settle it: the windows are read at most once a second per process. Each admitted request's outcome is told to the breaker. The
 * process hands this gate to its planning clients; the adapter knows only the domain's TenantGate.
 */
@Injectable()
export class TenantWriteGate implements TenantGate {
  private readonly logger = new Logger('TenantBreaker');

  constructor(
    private readonly windows: MaintenanceWindowsStore,
    private readonly breaker: TenantBreakerStore,
    private readonly throttle: TenantThrottleStore,
  ) {}

  async admit(tenant: string, now: Date = new Date()): Promise<TenantPass> {
    // The windows as read at most MAINTENANCE_READ_CACHE_MS ago by this process; then the tenant's not-before and its breaker, in one script.
    const window = await this.windows.activeForSend(tenant, now);
    if (window) throw new TenantUnavailable(tenant, new Date(window.until), 'maintenance');
    const admission = await this.breaker.admit(tenant, now);
    if (admission.kind === 'throttled') throw new TenantUnavailable(tenant, admission.at, 'throttled');
    if (admission.kind === 'wait') throw new TenantUnavailable(tenant, admission.at, 'breaker');
    const probe = admission.kind === 'probe' ? admission.token : undefined;
    return { settle: (outcome, failure, retryAfterMs) => this.settle(tenant, outcome, probe, failure, retryAfterMs) };
  }

  private async settle(tenant: string, outcome: TenantSendOutcome, probe: string | undefined, failure: unknown, retryAfterMs?: number): Promise<TenantUnavailable | undefined> {
    const { transition, openUntil } = await this.breaker.settle(tenant, outcome, probe);
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      // The whole tenant waits the time it named (every job, every process), and this job with it, spending no attempt.
      const until = new Date(Date.now() + retryAfterMs);
      await this.throttle.hold(tenant, until);
      return new TenantUnavailable(tenant, until, 'throttled', failure);
    }
    if (transition) this.logger[transition === 'closed' ? 'log' : 'warn'](`planning tenant '${tenant}': ${SAID[transition]}`);
    // The tenant is known to be down: this job waits for the probe like the others, spending no attempt on it.
    return outcome === 'failed' && openUntil ? new TenantUnavailable(tenant, openUntil, 'breaker', failure) : undefined;
  }
}
