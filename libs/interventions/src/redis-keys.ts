/**
 * Brygga's own data keys, beside (not inside) BullMQ's. Part of the persisted format:
 * change a key only with a migration.
 */
export function dataKeys(prefix: string) {
  const base = `${prefix}:data`;
  return {
    document: (id: string) => `${base}:doc:${id}`,
    documentMeta: (id: string) => `${base}:doc:${id}:meta`,
    assignmentState: (assignmentId: string) => `${base}:asg:${assignmentId}`,
    assignmentVersion: (assignmentId: string, version: number) => `${base}:asgv:${assignmentId}:${version}`,
    assignmentLock: (assignmentId: string) => `${base}:asg:${assignmentId}:lock`,
    endedAssignments: () => `${base}:asg-ended`,
    /** Hash: assignment id -> JSON part of that assignment in the customer (tenant, keyed-hash customer id). */
    customer: (tenant: string, customerId: string) => `${base}:cust:${tenant}:${customerId}`,
    customerLock: (tenant: string, customerId: string) => `${base}:cust:${tenant}:${customerId}:lock`,
    stats: (flow: string) => `${base}:stats:${flow}`,
    quarantine: (flow: string) => `${base}:quarantine:${flow}`,
    cursor: (name: string) => `${base}:cursor:${name}`,
    lock: (name: string) => `${base}:lock:${name}`,
    notBefore: (name: string) => `${base}:not-before:${name}`,
  };
}

export type DataKeys = ReturnType<typeof dataKeys>;

/** Raw documents and per-version payloads are kept this long for audit and redrive. */
export const RETENTION_SECONDS = 14 * 24 * 3600;
