import { PermanentFailure, type TenantGate, type TenantRule } from '@brygga/domain';
import { type PlanningRequestObserver, PlanningToolClient } from './planning-tool.client';

export interface PlanningClientsOptions {
  timeoutMs: number;
  /** > 0: concurrent writes to a tenant within this window share batch requests. */
  batchWindowMs?: number;
  /** PLANNING_TENANTS (JSON, the rules file's `tenants` shape): when set, it replaces the rules' tenants. */
  tenantsJson?: string;
  /** Where the rules' tenants come from, for the messages that name a tenant's missing token. */
  rulesFile?: string;
  /** Why a token may not be used (a published demo token in production), or undefined when it may. */
  refuseToken?: (token: string) => string | undefined;
  /** Told of every planning request of every tenant's client (see PlanningClientOptions.observe). */
  observe?: PlanningRequestObserver;
  /** Sent as every request's `X-Request-Id` (see PlanningClientOptions.requestId). */
  requestId?: () => string | undefined;
  /** Asked before every send of every tenant's client (see PlanningClientOptions.gate). */
  gate?: TenantGate;
}

export class PlanningTenantError extends PermanentFailure {
  readonly reasonCode = 'planning-tenant-unknown';

  constructor(message: string) {
    super(message);
    this.name = 'PlanningTenantError';
  }
}

/**
 * One client per planning-tool tenant. Tenants come from PLANNING_TENANTS (JSON, same
 * shape as the rules file's `tenants`) when set, else from the rules file; tokens always
 * from the env variable each tenant names, never from a file.
 */
export class PlanningClientsRegistry {
  private clients = new Map<string, PlanningToolClient>();
  private signature = '';

  constructor(
    /** Where each tenant's `tokenEnv` is looked up: tokens never come from a file. */
    private readonly tokens: NodeJS.ProcessEnv,
    private readonly options: PlanningClientsOptions,
  ) {}

  /**
   * (Re)builds the clients when the tenant table changed; throws naming a missing or
   * refused token variable, and then keeps the clients it had.
   */
  configure(rulesTenants: Record<string, TenantRule>): void {
    const tenants = this.options.tenantsJson ? parseTenants(this.options.tenantsJson) : rulesTenants;
    // Where and how each tenant is reached: a change of its maintenance windows needs no new client.
    const signature = JSON.stringify(Object.entries(tenants).map(([name, { baseUrl, tokenEnv }]) => [name, baseUrl, tokenEnv]));
    if (signature === this.signature) return;
    const from = this.options.tenantsJson ? 'PLANNING_TENANTS' : (this.options.rulesFile ?? 'the mapping rules');
    const next = new Map<string, PlanningToolClient>();
    for (const [name, rule] of Object.entries(tenants)) {
      const token = this.tokens[rule.tokenEnv];
      // The value is never part of a message: it is a secret.
      if (!token) throw new PlanningTenantError(`${rule.tokenEnv} is required by planning tenant '${name}' in ${from}, but it is not set`);
      const refused = this.options.refuseToken?.(token);
      if (refused) throw new PlanningTenantError(`${rule.tokenEnv}: ${refused} (token of planning tenant '${name}' in ${from})`);
      next.set(name, new PlanningToolClient({ name, baseUrl: rule.baseUrl, token }, { timeoutMs: this.options.timeoutMs, batchWindowMs: this.options.batchWindowMs ?? 0, observe: this.options.observe, requestId: this.options.requestId, gate: this.options.gate }));
    }
    this.clients = next;
    this.signature = signature;
  }

  forTenant(name: string): PlanningToolClient {
    const client = this.clients.get(name);
    if (!client) throw new PlanningTenantError(`planning tenant '${name}' is not configured (rules file tenants or PLANNING_TENANTS)`);
    return client;
  }

  tenants(): string[] {
    return [...this.clients.keys()];
  }
}

function parseTenants(json: string): Record<string, TenantRule> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new PlanningTenantError('PLANNING_TENANTS: not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PlanningTenantError('PLANNING_TENANTS: must be an object of tenants');
  for (const [name, rule] of Object.entries(parsed as Record<string, Partial<TenantRule>>)) {
    if (typeof rule?.baseUrl !== 'string' || !/^https?:\/\//.test(rule.baseUrl)) throw new PlanningTenantError(`PLANNING_TENANTS.${name}.baseUrl: must be an http(s) URL`);
    if (typeof rule.tokenEnv !== 'string' || !rule.tokenEnv) throw new PlanningTenantError(`PLANNING_TENANTS.${name}.tokenEnv: must name an env variable`);
  }
  return parsed as Record<string, TenantRule>;
}
