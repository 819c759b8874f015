import { ADMIN_ROLES, type AdminRole, isAdminRole, roleAllows } from './admin-role';

describe('roleAllows', () => {
  it.each<[AdminRole, AdminRole, boolean]>([
    ['viewer', 'viewer', true],
    ['viewer', 'operator', false],
    ['viewer', 'admin', false],
    ['operator', 'viewer', true],
    ['operator', 'operator', true],
    ['operator', 'admin', false],
    ['admin', 'viewer', true],
    ['admin', 'operator', true],
    ['admin', 'admin', true],
  ])('%s doing what needs %s: %s', (held, needed, allowed) => {
    expect(roleAllows(held, needed)).toBe(allowed);
  });

  it('lets a role from outside the list do nothing', () => {
    expect(roleAllows('root' as AdminRole, 'viewer')).toBe(false);
    expect(roleAllows('admin', 'root' as AdminRole)).toBe(false);
  });
});

describe('isAdminRole', () => {
  it.each([...ADMIN_ROLES])('knows %s', (role) => expect(isAdminRole(role)).toBe(true));

  it.each([['Admin'], ['root'], [''], [1], [undefined], ['constructor'], ['__proto__']])('refuses %p', (value) => {
    expect(isAdminRole(value)).toBe(false);
  });
});
