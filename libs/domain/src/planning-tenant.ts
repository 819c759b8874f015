/**
 * Where one planning-tool tenant lives and how it is reached: the shape of the mapping
 * rules file's `tenants` and of PLANNING_TENANTS. Here, not in the mapping, because the
 * planning-tool adapter builds its clients from it and imports nothing but the domain.
 */
export interface TenantRule {
  baseUrl: string;
  /** Name of the env var that holds the tenant's bearer token (tokens never live in files). */
  tokenEnv: string;
  /** Announced maintenance of this tenant's planning tool: writes wait until each window ends. */
  maintenance?: MaintenanceWindowRule[];
}

/** One maintenance window of the rules file: ISO 8601 times with an offset, and an operator's short reason. */
export interface MaintenanceWindowRule {
  from: string;
  until: string;
  reason: string;
}
