import { Inject, Injectable } from '@nestjs/common';
import { closedBreaker, type MaintenanceWindow, MaintenanceWindowsStore, TENANT_HEALTH_WINDOW_MINUTES, TenantBreakerStore, type TenantBreakerStatus, type TenantHealth, TenantHealthStore } from '@brygga/flow-kernel';
import { RULES_CONTROL, type RulesControl } from './rules-control';

export interface TenantOverview extends TenantHealth {
  tenant: string;
  /** Named by the rules in force; a tenant seen only in the health records was dropped by a reload. */
  configured: boolean;
  /** Its circuit breaker: closed, open (writes wait for the next probe) or probing. */
  breaker: Omit<TenantBreakerStatus, 'tenant'>;
  /** Its current and coming maintenance windows, soonest first (writes wait during one). */
  maintenance: MaintenanceWindow[];
}

/** Each planning-tool tenant's reachability and error rate, as every worker's requests saw them, its breaker and its maintenance windows. */
@Injectable()
export class TenantsService {
  constructor(
    private readonly health: TenantHealthStore,
    private readonly breakers: TenantBreakerStore,
    private readonly windows: MaintenanceWindowsStore,
    @Inject(RULES_CONTROL) private readonly rules: RulesControl,
  ) {}

  async overview(now: Date = new Date()): Promise<{ windowMinutes: number; tenants: TenantOverview[] }> {
    const [seen, breakers, windows] = await Promise.all([this.health.readAll(now), this.breakers.readAll(), this.windows.list(now)]);
    const configured = new Set(this.rules.status().tenants);
    const names = [...new Set([...configured, ...Object.keys(seen)])].sort();
    const tenants = names.map((tenant) => {
      const { tenant: _named, ...breaker } = breakers[tenant] ?? closedBreaker(tenant);
      return { tenant, configured: configured.has(tenant), ...(seen[tenant] ?? NEVER_ASKED), breaker, maintenance: windows.filter((w) => w.tenant === tenant) };
    });
    return { windowMinutes: TENANT_HEALTH_WINDOW_MINUTES, tenants };
  }
}

const NEVER_ASKED: TenantHealth = {
  reachability: 'unknown',
  requests: 0,
  errors: 0,
  errorRate: null,
  errorsByClass: { '4xx': 0, '401': 0, '5xx': 0, timeout: 0, network: 0 },
};
