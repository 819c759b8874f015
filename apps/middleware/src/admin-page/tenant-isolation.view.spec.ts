import type { TenantOverview } from '@brygga/operations';
import { tenantIsolationView } from './tenant-isolation.view';

const health = { reachability: 'failing', requests: 4, errors: 4, errorRate: 1, errorsByClass: { '4xx': 0, '401': 0, '5xx': 4, timeout: 0, network: 0 } } as const;
const TENANTS: TenantOverview[] = [
  { tenant: 'kommunen', configured: true, ...health, reachability: 'reachable', breaker: { state: 'closed', failures: 0 }, maintenance: [] },
  {
    tenant: 'omsorgshuset',
    configured: true,
    ...health,
    breaker: { state: 'open', since: '2026-11-29T10:00:00.000Z', nextProbeAt: '2026-11-29T10:00:20.000Z', probeIntervalSeconds: 20, failures: 0 },
    maintenance: [{ id: 'm-0123456789ab', tenant: 'omsorgshuset', from: '2026-12-01T21:00:00Z', until: '2026-12-01T23:00:00Z', reason: `TES <b>upgrade</b>`, source: 'api', createdBy: 'ops-admin' }],
  },
];

describe('the page: tenant breakers and maintenance', () => {
  it("shows each breaker's state and next probe, and each window with its (escaped) reason", () => {
    const text = tenantIsolationView(TENANTS, { name: 'ops-viewer', role: 'viewer' }, '').text;
    expect(text).toMatch(/data-test="breaker-omsorgshuset">[\s\S]*OPEN: writes wait for the next probe[\s\S]*2026-11-29 10:00:20/);
    expect(text).toMatch(/data-test="breaker-kommunen">[\s\S]*closed: writes go/);
    expect(text).toContain('TES &lt;b&gt;upgrade&lt;/b&gt;');
    expect(text).toContain('2026-12-01 23:00:00');
  });

  it('offers setting and ending windows to admins only', () => {
    const viewer = tenantIsolationView(TENANTS, { name: 'v', role: 'viewer' }, '').text;
    const operator = tenantIsolationView(TENANTS, { name: 'o', role: 'operator' }, '').text;
    const admin = tenantIsolationView(TENANTS, { name: 'a', role: 'admin' }, 'failedQueue=assignments').text;
    for (const text of [viewer, operator]) {
      expect(text).not.toContain('maintenance-form');
      expect(text).not.toContain('/admin/actions/maintenance/end');
    }
    expect(admin).toContain('action="/admin/actions/maintenance/start"');
    expect(admin).toMatch(/action="\/admin\/actions\/maintenance\/end"[\s\S]*name="id" value="m-0123456789ab"/);
    expect(admin).toContain('value="failedQueue=assignments"');
  });
});
