/**
 * The data keys every flow shares (documents, counters, quarantine, cursors, poll locks),
 * beside (not inside) BullMQ's. Part of the persisted format: change a key only with a
 * migration. A flow's own keys live under the same `${prefix}:data` root, so one prefix
 * scan finds everything.
 */
export function kernelKeys(prefix: string) {
  const base = `${prefix}:data`;
  return {
    base,
    document: (id: string) => `${base}:doc:${id}`,
    documentMeta: (id: string) => `${base}:doc:${id}:meta`,
    stats: (flow: string) => `${base}:stats:${flow}`,
    quarantine: (flow: string) => `${base}:quarantine:${flow}`,
    cursor: (name: string) => `${base}:cursor:${name}`,
    lock: (name: string) => `${base}:lock:${name}`,
    notBefore: (name: string) => `${base}:not-before:${name}`,
    /** When each source last synced (a sorted set scored by epoch ms). */
    lastSync: `${base}:last-sync`,
    /** The tenants whose planning requests were observed, and each one's last outcomes. */
    tenantHealthTenants: `${base}:tenant-health:tenants`,
    tenantHealthLast: (tenant: string) => `${base}:tenant-health:${tenant}:last`,
    /** One tenant's planning request outcomes in one minute (epoch minute), expiring. */
    tenantHealthMinute: (tenant: string, minute: number) => `${base}:tenant-health:${tenant}:m:${minute}`,
    /** The tenants with maintenance windows set through the admin API, and each one's windows (a hash by window id). */
    maintenanceTenants: `${base}:maintenance:tenants`,
    maintenance: (tenant: string) => `${base}:maintenance:${tenant}`,
    /** The tenants whose circuit breaker was ever touched, each one's state, and its probe lock. */
    tenantBreakerTenants: `${base}:tenant-breaker:tenants`,
    tenantBreaker: (tenant: string) => `${base}:tenant-breaker:${tenant}`,
    tenantBreakerProbe: (tenant: string) => `${base}:tenant-breaker:${tenant}:probe`,
    /** A tenant's Retry-After, as the time before which nothing is sent to it (expires then). */
    tenantNotBefore: (tenant: string) => `${base}:tenant-not-before:${tenant}`,
  };
}

export type KernelKeys = ReturnType<typeof kernelKeys>;

/** Raw documents and per-version payloads are kept this long for audit and redrive unless the process says otherwise (`DOCUMENT_RETENTION_SECONDS`). */
export const RETENTION_SECONDS = 14 * 24 * 3600;
