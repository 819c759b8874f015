import type { AlertDetail, AlertsOverview } from '@brygga/alerts';
import { type Html, html } from './html';
import { section, table, time } from './view-parts';

/** How many of the newest events the page lists under the active alerts. */
export const PAGE_ALERT_EVENTS = 10;

function detailText(detail: AlertDetail): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** The alerts active now (first on the page: what needs someone), then the newest raises and clears. */
export function alertsView(alerts: AlertsOverview): Html {
  const active = alerts.active.map(
    (a) => html`<tr data-test="alert-active">
<th scope="row">${a.condition}</th><td>${a.subject ?? ''}</td><td>${time(a.since)}</td><td>${detailText(a.detail)}</td>
</tr>`,
  );
  const recent = alerts.recent.slice(0, PAGE_ALERT_EVENTS).map(
    (e) => html`<tr>
<td>${time(e.at)}</td><td>${e.state}</td><th scope="row">${e.condition}</th><td>${e.subject ?? ''}</td><td>${detailText(e.detail)}</td>
</tr>`,
  );
  const webhook = alerts.webhook.configured ? `Webhook: ${alerts.webhook.pending} event(s) waiting to be delivered.` : 'No webhook configured (ALERT_WEBHOOK_URL).';
  return section(
    'alerts',
    `Alerts (${alerts.active.length} active)`,
    html`${table(['Condition', 'Subject', 'Since (UTC)', 'Detail'], active, 'No alert is active.')}
<h3>Newest events</h3>
${table(['At (UTC)', 'State', 'Condition', 'Subject', 'Detail'], recent, 'No alert events yet.')}
<p class="muted">Evaluated every ${alerts.evaluateSeconds} s. ${webhook}</p>`,
  );
}
