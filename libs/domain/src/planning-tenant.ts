/**
 * Where one planning-tool tenant lives and how it is reached: the shape of the mapping
 * rules file's `tenants` and of PLANNING_TENANTS. Here, not in the mapping, because the
 * planning-tool adapter builds its clients from it and imports nothing but the domain.
 */
export interface TenantRule {
  baseUrl: string;
  /** Name of the env var that holds the tenant's bearer token (tokens never live in files). */
  tokenEnv: string;
}
