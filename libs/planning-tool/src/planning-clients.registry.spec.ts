import type { TenantRule } from '@brygga/domain';
import { errorOf } from '@brygga/testing';
import { PlanningClientsRegistry, PlanningTenantError } from './planning-clients.registry';

const RULES_TENANTS: Record<string, TenantRule> = {
  kommunen: { baseUrl: 'http://127.0.0.1:4020/kommunen', tokenEnv: 'PLANNING_TOKEN_KOMMUNEN' },
  omsorgshuset: { baseUrl: 'http://127.0.0.1:4020/omsorgshuset', tokenEnv: 'PLANNING_TOKEN_OMSORGSHUSET' },
};
const TOKENS = { PLANNING_TOKEN_KOMMUNEN: 'k-token', PLANNING_TOKEN_OMSORGSHUSET: 'o-token' };

describe('PlanningClientsRegistry', () => {
  it('builds one client per tenant of the rules file, with the token from the named variable', () => {
    const registry = new PlanningClientsRegistry({ ...TOKENS }, { timeoutMs: 1000 });
    registry.configure(RULES_TENANTS);
    expect(registry.tenants().sort()).toEqual(['kommunen', 'omsorgshuset']);
    expect(registry.forTenant('kommunen').tenant).toEqual({ name: 'kommunen', baseUrl: RULES_TENANTS.kommunen.baseUrl, token: 'k-token' });
    expect(registry.forTenant('omsorgshuset').tenant.token).toBe('o-token');
  });

  it('takes the tenants from PLANNING_TENANTS instead of the rules when it is set', () => {
    const override = { kommunen: { baseUrl: 'http://127.0.0.1:5999/kommunen', tokenEnv: 'OTHER_TOKEN' } };
    const registry = new PlanningClientsRegistry({ OTHER_TOKEN: 'x-token' }, { timeoutMs: 1000, tenantsJson: JSON.stringify(override) });
    registry.configure(RULES_TENANTS);
    expect(registry.tenants()).toEqual(['kommunen']);
    expect(registry.forTenant('kommunen').tenant).toEqual({ name: 'kommunen', baseUrl: 'http://127.0.0.1:5999/kommunen', token: 'x-token' });
  });

  it('keeps its clients when the tenant table is unchanged, and rebuilds them when it changes', () => {
    const registry = new PlanningClientsRegistry({ ...TOKENS }, { timeoutMs: 1000 });
    registry.configure(RULES_TENANTS);
    const first = registry.forTenant('kommunen');
    registry.configure({ ...RULES_TENANTS });
    expect(registry.forTenant('kommunen')).toBe(first);
    registry.configure({ kommunen: { ...RULES_TENANTS.kommunen, baseUrl: 'http://127.0.0.1:4021/kommunen' } });
    expect(registry.forTenant('kommunen')).not.toBe(first);
    expect(registry.forTenant('kommunen').tenant.baseUrl).toBe('http://127.0.0.1:4021/kommunen');
    expect(() => registry.forTenant('omsorgshuset')).toThrow(PlanningTenantError);
  });

  it('names the missing token variable and the tenant, and keeps the clients it had', () => {
    const registry = new PlanningClientsRegistry({ PLANNING_TOKEN_KOMMUNEN: 'k-token' }, { timeoutMs: 1000 });
    registry.configure({ kommunen: RULES_TENANTS.kommunen });
    const error = errorOf(() => registry.configure(RULES_TENANTS));
    expect(error).toBeInstanceOf(PlanningTenantError);
    expect(error.message).toContain('PLANNING_TOKEN_OMSORGSHUSET');
    expect(error.message).toContain('omsorgshuset');
    expect(registry.tenants()).toEqual(['kommunen']);
  });

  it('says where the tenant that wants the token is named: the rules file, or PLANNING_TENANTS', () => {
    const fromRules = new PlanningClientsRegistry({}, { timeoutMs: 1000, rulesFile: 'config/mapping-rules.yaml' });
    expect(errorOf(() => fromRules.configure(RULES_TENANTS)).message).toBe(
      "PLANNING_TOKEN_KOMMUNEN is required by planning tenant 'kommunen' in config/mapping-rules.yaml, but it is not set",
    );
    const fromEnv = new PlanningClientsRegistry({}, { timeoutMs: 1000, rulesFile: 'config/mapping-rules.yaml', tenantsJson: JSON.stringify({ k: { baseUrl: 'http://127.0.0.1:1/k', tokenEnv: 'T_K' } }) });
    expect(errorOf(() => fromEnv.configure(RULES_TENANTS)).message).toBe("T_K is required by planning tenant 'k' in PLANNING_TENANTS, but it is not set");
  });

  it('refuses a token its policy refuses, naming the variable, never the value, and keeps the clients it had', () => {
    const refuseToken = (token: string) => (token === 'o-token' ? 'still the documented demo value' : undefined);
    const registry = new PlanningClientsRegistry({ ...TOKENS }, { timeoutMs: 1000, refuseToken });
    registry.configure({ kommunen: RULES_TENANTS.kommunen });
    const error = errorOf(() => registry.configure(RULES_TENANTS));
    expect(error).toBeInstanceOf(PlanningTenantError);
    expect(error.message).toMatch(/^PLANNING_TOKEN_OMSORGSHUSET: still the documented demo value \(token of planning tenant 'omsorgshuset'/);
    expect(error.message).not.toContain('o-token');
    expect(registry.tenants()).toEqual(['kommunen']);
  });

  it('treats an empty token as missing', () => {
    const registry = new PlanningClientsRegistry({ ...TOKENS, PLANNING_TOKEN_KOMMUNEN: '' }, { timeoutMs: 1000 });
    expect(() => registry.configure(RULES_TENANTS)).toThrow(/PLANNING_TOKEN_KOMMUNEN/);
  });

  it.each([
    ['not JSON', '{kommunen:', /^PLANNING_TENANTS: not valid JSON$/],
    ['a list', '[]', /^PLANNING_TENANTS: must be an object/],
    ['null', 'null', /^PLANNING_TENANTS: must be an object/],
    ['a tenant without baseUrl', '{"k":{"tokenEnv":"T"}}', /^PLANNING_TENANTS\.k\.baseUrl: must be an http\(s\) URL$/],
    ['a non-http baseUrl', '{"k":{"baseUrl":"file:///etc","tokenEnv":"T"}}', /^PLANNING_TENANTS\.k\.baseUrl/],
    ['a tenant without tokenEnv', '{"k":{"baseUrl":"http://127.0.0.1:1/k"}}', /^PLANNING_TENANTS\.k\.tokenEnv: must name an env variable$/],
    ['a tenant that is not an object', '{"k":"http://127.0.0.1:1/k"}', /^PLANNING_TENANTS\.k\.baseUrl/],
  ])('refuses PLANNING_TENANTS that is %s, naming it', (_name, json, expected) => {
    const registry = new PlanningClientsRegistry({ T: 't' }, { timeoutMs: 1000, tenantsJson: json });
    const error = errorOf(() => registry.configure(RULES_TENANTS));
    expect(error).toBeInstanceOf(PlanningTenantError);
    expect(error.message).toMatch(expected);
  });

  it('refuses an unknown tenant, naming it', () => {
    const registry = new PlanningClientsRegistry({ ...TOKENS }, { timeoutMs: 1000 });
    registry.configure(RULES_TENANTS);
    const error = errorOf(() => registry.forTenant('elsewhere'));
    expect(error).toBeInstanceOf(PlanningTenantError);
    expect(error.message).toContain("'elsewhere'");
  });

  it('has no tenants before it is configured', () => {
    const registry = new PlanningClientsRegistry({ ...TOKENS }, { timeoutMs: 1000 });
    expect(registry.tenants()).toEqual([]);
    expect(() => registry.forTenant('kommunen')).toThrow(PlanningTenantError);
  });
});
