import type { AdminPrincipal } from '@brygga/admin-access';
import type { RulesStatus, TenantOverview } from '@brygga/operations';
import { type Html, html } from './html';
import { actionButton, may, section, table, time } from './view-parts';

/** The rules in force; reload for admins. */
export function rulesView(rules: RulesStatus, principal: AdminPrincipal, back: string): Html {
  return section(
    'rules',
    'Mapping rules',
    html`<table>
<tr><th scope="row">Version</th><td data-test="rules-version">${rules.version}</td></tr>
<tr><th scope="row">Loaded at (UTC)</th><td>${time(rules.loadedAt)}</td></tr>
<tr><th scope="row">Source</th><td>${rules.source}</td></tr>
<tr><th scope="row">Tenants</th><td>${rules.tenants.join(', ')}</td></tr>
</table>
${may(principal, 'admin') && html`<p>${actionButton('rules/reload', 'Reload the rules file', back, {})} <a href="/admin/rules" data-test="rules-tools">Try, replay and apply candidate rules</a></p>`}`,
  );
}

/** Each planning-tool tenant's reachability and error rate over the health window. */
export function tenantsView(overview: { windowMinutes: number; tenants: TenantOverview[] }): Html {
  const rows = overview.tenants.map(
    (t) => html`<tr>
<th scope="row">${t.tenant}${t.configured ? '' : html` <span class="muted">(no longer in the rules)</span>`}</th>
<td>${t.reachability}</td><td class="num">${t.requests}</td><td class="num">${t.errors}</td>
<td class="num">${t.errorRate === null ? '–' : `${(t.errorRate * 100).toFixed(1)} %`}</td>
<td>${time(t.lastOkAt)}</td><td>${time(t.lastErrorAt)}</td><td>${t.lastErrorCode ?? ''}</td>
</tr>`,
  );
  return section(
    'tenants',
    'Planning-tool tenants',
    html`<p class="muted">Over the last ${overview.windowMinutes} minutes.</p>
${table(['Tenant', 'Reachability', 'Requests', 'Errors', 'Error rate', 'Last OK (UTC)', 'Last error (UTC)', 'Last error code'], rows, 'No tenants.')}`,
  );
}
