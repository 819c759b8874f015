import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { type Reachability, TenantHealthStore } from '@brygga/flow-kernel';
import { RulesService } from '../infrastructure/rules.service';

/**
 * Each configured tenant's planning tool as the workers last found it (TenantHealthStore):
 * `degraded` while any is failing, never down. A tenant that cannot be reached is the
 * planning tool's outage, not ours; the jobs wait in their retries, and restarting this
 * process would fix nothing.
 */
@Injectable()
export class TenantsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly store: TenantHealthStore,
    private readonly rules: RulesService,
  ) {}

  async check(key: 'tenants') {
    const indicator = this.indicators.check(key);
    let known;
    try {
      known = await this.store.readAll();
    } catch (error) {
      // Redis's own indicator says it is down; this one only says it could not tell.
      return indicator.degraded({ message: `tenant health unreadable: ${(error as Error).message}` });
    }
    const tenants: Record<string, { reachability: Reachability; errorRate: number | null; lastErrorCode?: string }> = {};
    for (const tenant of this.rules.planning.tenants()) {
      const health = known[tenant];
      tenants[tenant] = health ? { reachability: health.reachability, errorRate: health.errorRate, ...(health.lastErrorCode && { lastErrorCode: health.lastErrorCode }) } : { reachability: 'unknown', errorRate: null };
    }
    const failing = Object.keys(tenants).filter((t) => tenants[t].reachability === 'failing');
    return failing.length > 0 ? indicator.degraded({ failing, tenants }) : indicator.up({ tenants });
  }
}
