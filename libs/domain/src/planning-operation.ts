import type { PlanningCustomer, PlanningServiceOrder, PlanningStaff, PlanningStaffDay } from './planning-tool.types';

/**
 * One write to the planning tool, by what it does rather than where it goes: the mapping
 * decides operations, and only the planning-tool adapter knows their paths and methods.
 * Exactly the writes of planning-tool/openapi.yaml (no staff or day is ever deleted).
 */
export type PlanningOperation =
  | { kind: 'putCustomer'; customerId: string; customer: PlanningCustomer }
  | { kind: 'deleteCustomer'; customerId: string }
  | { kind: 'putServiceOrder'; customerId: string; serviceOrderId: string; serviceOrder: PlanningServiceOrder }
  | { kind: 'deleteServiceOrder'; customerId: string; serviceOrderId: string }
  | { kind: 'putStaff'; staffId: string; staff: PlanningStaff }
  /** `date`: the local calendar date (`YYYY-MM-DD`) on which the shifts start. */
  | { kind: 'putStaffDay'; staffId: string; date: string; day: PlanningStaffDay };

export type PlanningOperationKind = PlanningOperation['kind'];

/** The operations of the given kinds, e.g. `PlanningOperationOf<'putStaff' | 'putStaffDay'>`. */
export type PlanningOperationOf<K extends PlanningOperationKind> = Extract<PlanningOperation, { kind: K }>;
