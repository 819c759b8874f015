import { Inject, Injectable } from '@nestjs/common';
import { TENANT_HEALTH_WINDOW_MINUTES, type TenantHealth, TenantHealthStore } from '@brygga/flow-kernel';
import { RULES_CONTROL, type RulesControl } from './rules-control';

export interface TenantOverview extends TenantHealth {
  tenant: string;
  /** Named by the rules in force; a tenant seen only in the health records was dropped by a reload. */
  configured: boolean;
}

/** Each planning-tool tenant's reachability and error rate, as every worker's requests saw them. */
@Injectable()
export class TenantsService {
  constructor(
    private readonly health: TenantHealthStore,
    @Inject(RULES_CONTROL) private readonly rules: RulesControl,
  ) {}

  async overview(now: Date = new Date()): Promise<{ windowMinutes: number; tenants: TenantOverview[] }> {
    const seen = await this.health.readAll(now);
    const configured = new Set(this.rules.status().tenants);
    const names = [...new Set([...configured, ...Object.keys(seen)])].sort();
    const tenants = names.map((tenant) => ({ tenant, configured: configured.has(tenant), ...(seen[tenant] ?? NEVER_ASKED) }));
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
