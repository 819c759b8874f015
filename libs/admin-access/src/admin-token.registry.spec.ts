import { hashAdminToken, newAdminToken } from './admin-token.hash';
import { AdminTokenRegistry } from './admin-token.registry';
import { loadAdminTokens } from './admin-tokens.config';

describe('AdminTokenRegistry', () => {
  const anna = newAdminToken();
  const bo = newAdminToken();
  const registry = new AdminTokenRegistry([
    { name: 'ops-anna', role: 'operator', hash: hashAdminToken(anna) },
    { name: 'view-bo', role: 'viewer', hash: hashAdminToken(bo) },
  ]);

  it.each<[string, () => string | undefined, string | undefined]>([
    ['the first token', () => `Bearer ${anna}`, 'ops-anna'],
    ['the second token', () => `Bearer ${bo}`, 'view-bo'],
    ['the scheme in lower case', () => `bearer ${anna}`, 'ops-anna'],
    ['extra spaces', () => `Bearer   ${anna}  `, 'ops-anna'],
    ['no header', () => undefined, undefined],
    ['an empty header', () => '', undefined],
    ['Bearer alone', () => 'Bearer ', undefined],
    ['the token without the scheme', () => anna, undefined],
    ['Basic', () => `Basic ${Buffer.from(`x:${anna}`).toString('base64')}`, undefined],
    ['an unknown token', () => `Bearer ${newAdminToken()}`, undefined],
    ['the hash sent as the token', () => `Bearer ${hashAdminToken(anna)}`, undefined],
    ['a token with a suffix', () => `Bearer ${anna}x`, undefined],
    ['two tokens', () => `Bearer ${anna} ${bo}`, undefined],
    ['a very long token', () => `Bearer ${'a'.repeat(10_000)}`, undefined],
  ])('%s', (_case, header, name) => {
    expect(registry.authenticate(header())?.name).toBe(name);
  });

  it('gives the role with the name, as a copy', () => {
    const principal = registry.authenticate(`Bearer ${anna}`);
    expect(principal).toEqual({ name: 'ops-anna', role: 'operator' });
    principal!.role = 'admin';
    expect(registry.authenticate(`Bearer ${anna}`)?.role).toBe('operator');
  });

  it('knows the demo tokens when they are the configuration', () => {
    const demo = new AdminTokenRegistry(loadAdminTokens({ NODE_ENV: 'development' }));
    expect(demo.authenticate('Bearer viewer-demo-token')).toEqual({ name: 'demo-viewer', role: 'viewer' });
    expect(demo.authenticate('Bearer operator-demo-token')).toEqual({ name: 'demo-operator', role: 'operator' });
    expect(demo.authenticate('Bearer admin-demo-token')).toEqual({ name: 'demo-admin', role: 'admin' });
  });

  it('lists who has access without any hash', () => {
    expect(registry.principals()).toEqual([
      { name: 'ops-anna', role: 'operator' },
      { name: 'view-bo', role: 'viewer' },
    ]);
  });

  it('refuses a hash not in the format at construction, without echoing it', () => {
    expect(() => new AdminTokenRegistry([{ name: 'x', role: 'admin', hash: anna }])).toThrow(/sha256:/);
    expect(() => new AdminTokenRegistry([{ name: 'x', role: 'admin', hash: anna }])).not.toThrow(anna);
  });
});
