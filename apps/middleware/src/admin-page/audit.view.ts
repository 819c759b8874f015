import type { AuditPage } from '@brygga/admin-access';
import { type Html, html } from './html';
import { section, table, time } from './view-parts';

/** The newest audit entries: who (token name) did what to what, and how it ended. The full log is at GET /admin/api/audit. */
export function auditView(page: AuditPage): Html {
  const rows = page.entries.map(
    (e) => html`<tr data-audit="${e.action}">
<td>${time(e.at)}</td><td>${e.tokenName}</td><td>${e.role}</td><td>${e.action}</td><td>${e.target ?? ''}</td><td>${e.outcome}</td><td class="muted">${e.requestId}</td>
</tr>`,
  );
  return section('audit', 'Recent actions (audit log)', table(['At (UTC)', 'Token', 'Role', 'Action', 'Target', 'Outcome', 'Request id'], rows, 'No actions recorded yet.'), true);
}
