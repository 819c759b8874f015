import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { validateEnv } from '@brygga/config';
import { PlanningTenantError } from '@brygga/planning-tool';
import { errorOf } from '@brygga/testing';
import { toMiddlewareConfig } from '../config/middleware.config';
import { MiddlewareEnv } from '../config/middleware.env';
import { RulesService } from './rules.service';
import { hashAdminToken } from '@brygga/admin-access';

const SOURCE = 'config/mapping-rules.yaml';
const TOKENS = { PLANNING_TOKEN_KOMMUNEN: 'k-secret-token', PLANNING_TOKEN_OMSORGSHUSET: 'o-secret-token' };

describe('RulesService: tenants named by the rules, tokens from the variables they name', () => {
  let dir: string;
  let file: string;
  let service: RulesService | undefined;

  const create = (env: NodeJS.ProcessEnv) => {
    const config = toMiddlewareConfig(validateEnv(MiddlewareEnv, { NODE_ENV: 'development', MAPPING_RULES_FILE: file, ...env }));
    service = RulesService.create(config, { ...env });
    return service;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'brygga-rules-service-'));
    file = join(dir, 'mapping-rules.yaml');
    copyFileSync(SOURCE, file);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    service?.onApplicationShutdown();
    service = undefined;
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a client per tenant of the rules with the token of the variable each names', () => {
    const rules = create(TOKENS);
    expect(rules.planning.tenants().sort()).toEqual(['kommunen', 'omsorgshuset']);
    expect(rules.planning.forTenant('omsorgshuset').tenant.token).toBe('o-secret-token');
  });

  it.each([
    ['missing', {}],
    ['empty', { PLANNING_TOKEN_OMSORGSHUSET: '' }],
  ])('refuses to start when a tenant token is %s, naming the variable, the tenant and the rules file', (_what, omitted) => {
    const error = errorOf(() => create({ ...TOKENS, PLANNING_TOKEN_OMSORGSHUSET: undefined, ...omitted }));
    expect(error).toBeInstanceOf(PlanningTenantError);
    expect(error.message).toBe(`PLANNING_TOKEN_OMSORGSHUSET is required by planning tenant 'omsorgshuset' in ${file}, but it is not set`);
  });

  it('refuses the published demo tokens when NODE_ENV=production, naming the variable and never the value', () => {
    const error = errorOf(() => create({ ...TOKENS, NODE_ENV: 'production', ...productionSecrets(), PLANNING_TOKEN_KOMMUNEN: 'kommunen-token' }));
    expect(error.message).toMatch(/^PLANNING_TOKEN_KOMMUNEN: still the documented demo value; set a secret of your own when NODE_ENV=production/);
    expect(error.message).not.toContain('kommunen-token');
    expect(create({ ...TOKENS, PLANNING_TOKEN_KOMMUNEN: 'kommunen-token' }).planning.tenants()).toContain('kommunen');
  });

  it('refuses a reload naming a tenant whose token is missing: the rules and clients in force stay', () => {
    const rules = create(TOKENS);
    const before = rules.current();
    const client = rules.planning.forTenant('kommunen');
    const text = readFileSync(file, 'utf8');
    const withTenant = text.replace(/^tenants:\n/m, 'tenants:\n  elsewhere:\n    baseUrl: http://localhost:4020/elsewhere\n    tokenEnv: PLANNING_TOKEN_ELSEWHERE\n');
    expect(withTenant).not.toBe(text);
    writeFileSync(file, withTenant);
    process.emit('SIGHUP', 'SIGHUP');
    expect(rules.current()).toBe(before);
    expect(rules.planning.tenants().sort()).toEqual(['kommunen', 'omsorgshuset']);
    expect(rules.planning.forTenant('kommunen')).toBe(client);
    expect(jest.mocked(Logger.prototype.error).mock.calls.flat().join('\n')).toMatch(/REFUSED mapping rules .*PLANNING_TOKEN_ELSEWHERE is required by planning tenant 'elsewhere'/);
  });

  it('takes a reload whose tenants all have their tokens', () => {
    const rules = create({ ...TOKENS, PLANNING_TOKEN_ELSEWHERE: 'e-secret-token' });
    const before = rules.current();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^tenants:\n/m, 'tenants:\n  elsewhere:\n    baseUrl: http://localhost:4020/elsewhere\n    tokenEnv: PLANNING_TOKEN_ELSEWHERE\n'));
    process.emit('SIGHUP', 'SIGHUP');
    expect(rules.current()).not.toBe(before);
    expect(rules.planning.tenants().sort()).toEqual(['elsewhere', 'kommunen', 'omsorgshuset']);
  });
});

/** The env class's own secrets, set, so that production refuses only what the test is about. */
function productionSecrets(): NodeJS.ProcessEnv {
  return {
    CUSTOMER_ID_KEY: 'a-production-customer-key',
    CASE_SYSTEM_INBOUND_TOKEN: 'prod-case-push',
    CASE_SYSTEM_TOKEN: 'prod-case-feed',
    SCHEDULING_SYSTEM_INBOUND_TOKEN: 'prod-schedule-push',
    SCHEDULING_SYSTEM_TOKEN: 'prod-schedule-api',
    ADMIN_TOKENS: JSON.stringify([{ name: 'ops', role: 'admin', hash: hashAdminToken('a-production-admin-token') }]),
    DATA_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  };
}
