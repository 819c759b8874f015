import type { AdminPrincipal } from '@brygga/admin-access';
import type { TenantOverview } from '@brygga/operations';
import { type Html, html } from './html';
import { actionButton, may, section, table, time } from './view-parts';

const BREAKER_SAYS: Record<TenantOverview['breaker']['state'], string> = {
  closed: 'closed: writes go',
  open: 'OPEN: writes wait for the next probe',
  probing: 'PROBING: one write tries; the others wait',
};

/**
 * Each tenant's circuit breaker and maintenance windows: while either holds a tenant's
 * writes, they wait (not failed, no attempts spent) and go on their own once it ends.
 * Admins set a window or end one early; the reason is operator text, shown, never logged.
 */
export function tenantIsolationView(tenants: TenantOverview[], principal: AdminPrincipal, back: string): Html {
  const breakers = tenants.map(
    (t) => html`<tr data-test="breaker-${t.tenant}">
<th scope="row">${t.tenant}</th><td data-test="breaker-state">${BREAKER_SAYS[t.breaker.state]}</td><td>${time(t.breaker.since)}</td>
<td>${t.breaker.nextProbeAt ? time(t.breaker.nextProbeAt) : html`<span class="muted">–</span>`}</td>
<td class="num">${t.breaker.probeIntervalSeconds ?? '–'}</td><td class="num">${t.breaker.failures}</td>
</tr>`,
  );
  const windows = tenants.flatMap((t) =>
    t.maintenance.map(
      (w) => html`<tr data-test="maintenance-${w.id}">
<th scope="row">${w.tenant}</th><td>${time(w.from)}</td><td>${time(w.until)}</td><td>${w.reason}</td><td>${w.source === 'rules' ? 'rules file' : `API (${w.createdBy ?? '?'})`}</td>
<td>${may(principal, 'admin') && actionButton('maintenance/end', 'End now', back, { tenant: w.tenant, id: w.id }, undefined, `end-${w.id}`)}</td>
</tr>`,
    ),
  );
  const names = tenants.filter((t) => t.configured).map((t) => t.tenant);
  const form =
    may(principal, 'admin') &&
    html`<form method="post" action="/admin/actions/maintenance/start" data-test="maintenance-form">
<input type="hidden" name="back" value="${back}">
<label>Tenant <select name="tenant" required>${names.map((n) => html`<option value="${n}">${n}</option>`)}</select></label>
<label>From <input name="from" required placeholder="2026-12-01T22:00:00+01:00" size="26"></label>
<label>Until <input name="until" required placeholder="2026-12-02T02:00:00+01:00" size="26"></label>
<label>Reason <input name="reason" required maxlength="200" placeholder="TES upgrade"></label>
<button type="submit">Set maintenance window</button>
</form>
<p class="muted">Times ISO 8601 with an offset; at most 7 days. The reason: letters, digits, spaces and . _ : / # @ , ( ) ' - (no names, no notes).</p>`;
  return section(
    'tenant-isolation',
    'Tenant breakers and maintenance',
    html`<p class="muted">While a tenant's breaker is open or a maintenance window is in force, its writes wait, without failing or spending attempts; other tenants' writes are not held up.</p>
${table(['Tenant', 'Breaker', 'Since (UTC)', 'Next probe (UTC)', 'Probe interval (s)', 'Failures in a row'], breakers, 'No tenants.')}
<h3>Maintenance windows (current and coming)</h3>
${table(['Tenant', 'From (UTC)', 'Until (UTC)', 'Reason', 'Set by', ''], windows, 'No maintenance windows.')}
${form}`,
  );
}
