import { kernelKeys } from '@brygga/flow-kernel';

/**
 * The interventions flow's data keys, beside the kernel's shared ones. Part of the
 * persisted format: change a key only with a migration.
 */
export function dataKeys(prefix: string) {
  const kernel = kernelKeys(prefix);
  const { base } = kernel;
  return {
    ...kernel,
    assignmentState: (assignmentId: string) => `${base}:asg:${assignmentId}`,
    assignmentVersion: (assignmentId: string, version: number) => `${base}:asgv:${assignmentId}:${version}`,
    assignmentLock: (assignmentId: string) => `${base}:asg:${assignmentId}:lock`,
    endedAssignments: () => `${base}:asg-ended`,
    /** Hash: assignment id -> JSON part of that assignment in the customer (tenant, keyed-hash customer id). */
    customer: (tenant: string, customerId: string) => `${base}:cust:${tenant}:${customerId}`,
    customerLock: (tenant: string, customerId: string) => `${base}:cust:${tenant}:${customerId}:lock`,
  };
}

export type DataKeys = ReturnType<typeof dataKeys>;
