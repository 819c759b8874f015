import type { PlanningCustomer, PlanningOperationOf, PlanningServiceOrder, Reason } from '@brygga/domain';

/** How the planning tool's ids are made; injected so the mapping stays pure (no crypto, no key). */
export interface PlanningIdSource {
  customerId(identityNumber: string): string;
  serviceOrderId(assignmentId: string, interventionId: string): string;
}

export interface PlannedServiceOrder {
  id: string;
  interventionId: string;
  body: PlanningServiceOrder;
}

/** What one assignment version means for the planning tool. */
export type AssignmentPlan =
  | {
      outcome: 'apply';
      tenant: string;
      customerId: string;
      customer: PlanningCustomer;
      serviceOrders: PlannedServiceOrder[];
      rulesVersion: string;
    }
  /** makulerad: the customer and its service orders disappear. */
  | { outcome: 'delete'; tenant: string; customerId: string }
  /** A provider this installation does not serve: skipped and counted, not an error. */
  | { outcome: 'notServed'; providerCode: string }
  /** Nothing of it may be applied; reasons name codes and ids, never personal values. */
  | { outcome: 'quarantine'; reasons: Reason[] };

/** What was last applied for an assignment, so a newer version can remove what it no longer holds. */
export interface AppliedAssignment {
  tenant: string;
  customerId: string;
  serviceOrderIds: string[];
}

/** What the interventions flow writes: customers and their service orders, never staff. */
export type CustomerOperation = PlanningOperationOf<'putCustomer' | 'deleteCustomer' | 'putServiceOrder' | 'deleteServiceOrder'>;

/** An operation and the tenant it goes to (a moved provider writes to two tenants). */
export interface TenantOperation {
  tenant: string;
  operation: CustomerOperation;
}
