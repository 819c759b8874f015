import type { PlanningOperation } from '@brygga/domain';

/** One operation with the idempotency key that every retry of it reuses. */
export interface KeyedOperation {
  operation: PlanningOperation;
  idempotencyKey: string;
}
