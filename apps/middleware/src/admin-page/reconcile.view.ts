import type { AdminPrincipal } from '@brygga/admin-access';
import { DRIFT_KINDS, type DriftItem, type DriftKind } from '@brygga/domain';
import type { ReconcileRepair, ReconcileRun, ReconcileScope, ReconcileSummary } from '@brygga/operations';
import { type Html, html } from './html';
import { may, section, table, time } from './view-parts';

/** The page shows this many drift items; the admin API answers them all. */
const SHOWN_ITEMS = 500;
const SCOPES: readonly ReconcileScope[] = ['all', 'interventions', 'schedules'];

const KIND_LABELS: ReadonlyMap<DriftKind, string> = new Map<DriftKind, string>([
  ['customerMissing', 'Customer missing in the planning tool'],
  ['customerDiffers', 'Customer differs'],
  ['serviceOrderMissing', 'Service order missing'],
  ['serviceOrderExtra', 'Service order the planning tool has and Brygga does not'],
  ['serviceOrderDiffers', 'Service order differs'],
  ['staffMissing', 'Staff member missing'],
  ['staffDiffers', 'Staff member differs'],
  ['staffDayDiffers', 'Staff day differs'],
  ['assignmentVersionNotStored', 'Assignment version never taken in'],
  ['assignmentNotApplied', 'Assignment not applied'],
  ['rosterRevisionNotApplied', 'Roster revision not applied'],
]);

/**
 * The identifying parts of an item, each named: the page renders these and nothing else
 * of an item, so a field a later version adds (a value, say) cannot reach the page unseen.
 */
const ITEM_IDS: ReadonlyArray<[keyof DriftItem, string]> = [
  ['customerId', 'customer'],
  ['serviceOrderId', 'service order'],
  ['staffId', 'staff'],
  ['assignmentId', 'assignment'],
  ['version', 'version'],
  ['unitId', 'unit'],
  ['revision', 'revision'],
];

const ACTIVE: ReadonlySet<ReconcileRun['status']> = new Set(['queued', 'running']);

/** Whether the run or one of its repairs is still going: the page reloads itself meanwhile. */
export function reconcileInProgress(run: ReconcileRun): boolean {
  return ACTIVE.has(run.status) || run.repairs.some((r) => ACTIVE.has(r.status));
}

/** The start form (operator and above): which flows to check. */
export function reconcileStartView(principal: AdminPrincipal): Html {
  if (!may(principal, 'operator')) return html``;
  return section(
    'reconcile-start',
    'Start a reconciliation run',
    html`<p class="muted">Reads the planning tool and the source systems back and compares them with what Brygga would send now; sends nothing.</p>
<form class="inline" method="post" action="/admin/actions/reconcile/start">
<label for="reconcile-scope">Scope</label>
<select id="reconcile-scope" name="scope">${SCOPES.map((s) => html`<option value="${s}">${s}</option>`)}</select>
<button type="submit" data-test="reconcile-start">Start a run</button>
</form>`,
    true,
  );
}

/** A run: what it checked, its drift by kind and item by item, its repairs, and (operator and above) the repair button. */
export function reconcileRunView(run: ReconcileRun, principal: AdminPrincipal): Html {
  const facts = html`<table>
<tr><th scope="row">Run</th><td data-test="run-id">${run.runId}</td></tr>
<tr><th scope="row">Scope</th><td>${run.scope}</td></tr>
<tr><th scope="row">Status</th><td data-test="run-status"><strong>${run.status}</strong>${run.status === 'failed' ? ' (the process log says why)' : ''}${run.status === 'queued' && run.waitingFor ? html` <span data-test="run-waiting">(waits for run ${run.waitingFor} to finish reading: one run reads at a time)</span>` : ''}</td></tr>
<tr><th scope="row">Started (UTC)</th><td>${time(run.startedAt)}</td></tr>
<tr><th scope="row">Finished (UTC)</th><td>${time(run.finishedAt)}</td></tr>
<tr><th scope="row">Duration</th><td>${run.durationSeconds === undefined ? '' : `${run.durationSeconds} s`}</td></tr>
<tr><th scope="row">Checked</th><td>${Object.entries(run.checked).map(([flow, n]) => `${flow} ${n}`).join(', ')}</td></tr>
</table>`;
  if (run.status !== 'done') {
    return section('reconcile-run', 'Last reconciliation run', html`${facts}${ACTIVE.has(run.status) && html`<p class="muted">This page reloads itself while the run goes on.</p>`}`, true);
  }
  const kinds = DRIFT_KINDS.filter((k) => (run.counts[k] ?? 0) > 0);
  const counts = table(['Drift kind', 'Items'], kinds.map((k) => html`<tr><th scope="row">${KIND_LABELS.get(k) ?? k}</th><td class="num" data-test="count-${k}">${run.counts[k]}</td></tr>`), 'No drift: the planning tool and the source systems agree with Brygga.');
  const found = run.items.length + run.itemsLeftOut;
  const more = found > SHOWN_ITEMS ? html`<p class="muted">${found - Math.min(SHOWN_ITEMS, run.items.length)} more: the admin API's GET /admin/api/reconcile/${run.runId} lists the ${run.items.length} kept.</p>` : '';
  return section(
    'reconcile-run',
    'Last reconciliation run',
    html`${facts}
<h3>Drift by kind</h3>
${counts}
${run.items.length > 0 && html`<h3>Drift items</h3>${table(['Kind', 'Flow', 'Tenant', 'Ids', 'Date', 'Fields that differ'], run.items.slice(0, SHOWN_ITEMS).map(itemRow), '')}`}
${more}
${repairsView(run.repairs)}
${repairFormView(run, principal)}`,
    true,
  );
}

/** No run yet (or the one asked for is no longer kept). */
export function noReconcileRunView(expired: boolean): Html {
  return section('reconcile-run', 'Last reconciliation run', html`<p class="muted">${expired ? 'That run is no longer kept (runs are kept a week).' : 'No reconciliation run yet.'}</p>`, true);
}

/** The dashboard's summary: the last finished run's counts, and the way to the reconciliation page. */
export function reconcileSummaryView(last: ReconcileSummary | undefined): Html {
  const counts = last && DRIFT_KINDS.filter((k) => (last.counts[k] ?? 0) > 0).map((k) => `${KIND_LABELS.get(k) ?? k} ${last.counts[k]}`);
  return section(
    'reconcile',
    'Reconciliation',
    html`${
      last
        ? html`<table>
<tr><th scope="row">Last finished run</th><td>${last.runId}</td></tr>
<tr><th scope="row">Finished (UTC)</th><td>${time(last.finishedAt)}</td></tr>
<tr><th scope="row">Duration</th><td>${last.durationSeconds} s</td></tr>
<tr><th scope="row">Drift items</th><td data-test="reconcile-drift">${last.items}${counts && counts.length > 0 ? ` (${counts.join(', ')})` : ''}</td></tr>
</table>`
        : html`<p class="muted">No finished reconciliation run yet.</p>`
    }
<p><a href="/admin/reconcile" data-test="reconcile-page">The last run, its drift and its repair</a></p>`,
  );
}

function itemRow(item: DriftItem): Html {
  const ids = ITEM_IDS.filter(([key]) => item[key] !== undefined).map(([key, label]) => `${label} ${String(item[key])}`);
  return html`<tr data-test="drift-item"><td>${KIND_LABELS.get(item.kind) ?? item.kind}</td><td>${item.flow}</td><td>${item.tenant ?? ''}</td><td class="ids">${ids.join(', ')}</td><td>${item.date ?? ''}</td><td>${(item.fields ?? []).join(', ')}</td></tr>`;
}

function repairsView(repairs: readonly ReconcileRepair[]): Html {
  if (repairs.length === 0) return html``;
  const rows = repairs.map(
    (r) => html`<tr data-test="repair-${r.attempt}"><td>${r.attempt}</td><td>${r.by}</td><td><strong>${r.status}</strong></td><td class="num">${r.items.length}</td><td>${Object.entries(r.sent ?? {}).map(([flow, n]) => `${flow} ${n}`).join(', ')}</td></tr>`,
  );
  return html`<h3>Repairs</h3>${table(['Attempt', 'By', 'Status', 'Items', 'Planning operations sent'], rows, '')}`;
}

function repairFormView(run: ReconcileRun, principal: AdminPrincipal): Html {
  if (!may(principal, 'operator') || run.items.length === 0) return html``;
  if (reconcileInProgress(run)) return html`<p class="muted">A repair is under way; this page reloads itself until it is done.</p>`;
  return html`<form method="post" action="/admin/actions/reconcile/repair">
<input type="hidden" name="run" value="${run.runId}">
<button type="submit" data-test="reconcile-repair">Repair all drift of this run (${run.items.length} ${run.items.length === 1 ? 'item' : 'items'})</button>
</form>
<p class="muted">A repair re-sends exactly these items through the flows' normal path; it never deletes a customer. Start a new run afterwards to see what is left.</p>`;
}
