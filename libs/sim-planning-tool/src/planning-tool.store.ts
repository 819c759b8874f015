import type { PlanningCustomer, PlanningServiceOrder, PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { IdempotencyLedger } from './idempotency.ledger';
import { RequestStats } from './request-stats';
import type { PerformedVisit } from './performed-visit.types';
import { WriteConfirmations } from './write-confirmations';

export interface CustomerRecord {
  customer: PlanningCustomer;
  serviceOrders: Map<string, PlanningServiceOrder>;
}

export interface StaffRecord {
  staff: PlanningStaff;
  days: Map<string, PlanningStaffDay>;
}

/** Everything one tenant holds; Maps keyed by the caller's ids so that 20k customers stay cheap. */
export class TenantState {
  readonly customers = new Map<string, CustomerRecord>();
  readonly staff = new Map<string, StaffRecord>();
  readonly visits: PerformedVisit[] = [];
  readonly visitIds = new Set<string>();
  readonly idempotency: IdempotencyLedger;
  readonly requests = new RequestStats();
  readonly confirmations = new WriteConfirmations();

  constructor(
    readonly name: string,
    readonly token: string,
    idempotencyCapacity: number,
  ) {
    this.idempotency = new IdempotencyLedger(idempotencyCapacity);
  }

  reset(): void {
    this.customers.clear();
    this.staff.clear();
    this.visits.length = 0;
    this.visitIds.clear();
    this.idempotency.clear();
    this.requests.clear();
    this.confirmations.clear();
  }

  /** The control API's `GET /_sim/{tenant}/state` shape. */
  snapshot(): TenantSnapshot {
    return {
      customers: [...this.customers].map(([id, r]) => ({
        id,
        ...r.customer,
        serviceOrders: [...r.serviceOrders].map(([soId, so]) => ({ id: soId, ...so })),
      })),
      staff: [...this.staff].map(([id, r]) => ({ id, ...r.staff, days: Object.fromEntries(r.days) })),
    };
  }
}

export interface TenantSnapshot {
  customers: Array<{ id: string; serviceOrders: Array<{ id: string } & PlanningServiceOrder> } & PlanningCustomer>;
  staff: Array<{ id: string; days: Record<string, PlanningStaffDay> } & PlanningStaff>;
}

export interface StoreConfig {
  tenants: Record<string, string>;
  idempotencyKeysPerTenant: number;
}

/** The simulator's whole in-memory state, one TenantState per configured tenant. */
export class PlanningToolStore {
  private readonly tenants = new Map<string, TenantState>();

  constructor(config: StoreConfig) {
    for (const [name, token] of Object.entries(config.tenants)) {
      this.tenants.set(name, new TenantState(name, token, config.idempotencyKeysPerTenant));
    }
  }

  tenant(name: string): TenantState | undefined {
    return this.tenants.get(name);
  }

  names(): string[] {
    return [...this.tenants.keys()];
  }

  resetAll(): void {
    for (const t of this.tenants.values()) t.reset();
  }
}
