/**
 * The planning-tool simulator's tenant tokens, published in the README for the demo.
 * Tenant tokens are not fields of the env class (the rules name their variables), so
 * `@DemoDefault` cannot guard them; this does the same: refused in production, at boot
 * and on a rules reload, naming the variable.
 */
export const DEMO_TENANT_TOKENS: ReadonlySet<string> = new Set(['kommunen-token', 'omsorgshuset-token']);

/** The token policy of the planning clients for this NODE_ENV: why a token may not be used, or undefined. */
export function tenantTokenPolicy(nodeEnv: string): (token: string) => string | undefined {
  if (nodeEnv !== 'production') return () => undefined;
  return (token) => (DEMO_TENANT_TOKENS.has(token) ? 'still the documented demo value; set a secret of your own when NODE_ENV=production' : undefined);
}
