import type { AdminPrincipal } from '@brygga/admin-access';
import type { FailedJobItem, FailedJobsPage } from '@brygga/operations';
import { type Html, html } from './html';
import { FAILED_PARAMS, type PageQuery, pageUrl, QUARANTINE_PARAMS } from './page-query';
import { actionButton, hiddenParams, may, options, section, table, time } from './view-parts';

export type ListResult<T> = { ok: true; page: T } | { ok: false; problem: string };

/** Failed jobs, one page at a time (the service reads only that page), filtered server-side; redrive and discard for operators. */
export function failedJobsView(result: ListResult<FailedJobsPage>, state: PageQuery, choices: { queues: readonly string[]; flows: readonly string[] }, principal: AdminPrincipal, back: string): Html {
  const f = state.failed;
  const params = new URLSearchParams(back);
  const filter = html`<form class="filters" method="get" action="/admin" aria-label="Filter failed jobs">
<label>Queue <select name="${FAILED_PARAMS.queue}">${options(choices.queues, f.queue)}</select></label>
<label>Flow <select name="${FAILED_PARAMS.flow}">${options(choices.flows, f.flow)}</select></label>
<label>Reason code <input name="${FAILED_PARAMS.reason}" value="${f.reason ?? ''}" size="18" spellcheck="false"></label>
<label>Older than (min) <input name="${FAILED_PARAMS.olderThanMinutes}" type="number" min="0" value="${numberValue(f.olderThanMinutes)}" size="6"></label>
<label>Newer than (min) <input name="${FAILED_PARAMS.newerThanMinutes}" type="number" min="0" value="${numberValue(f.newerThanMinutes)}" size="6"></label>
${hiddenParams(params, Object.values(QUARANTINE_PARAMS))}
<button type="submit">Filter failed jobs</button>
<a href="${pageUrl({ ...state, failed: {} })}">Clear</a>
</form>`;
  if (!result.ok) return section('failed', 'Failed jobs', html`${filter}<p class="flash error" role="alert">${result.problem}</p>`, true);
  const { items, next } = result.page;
  const operator = may(principal, 'operator');
  const rows = items.map((item) => failedRow(item, operator, back));
  const matching = { ...withoutCursor(f) };
  return section(
    'failed',
    'Failed jobs',
    html`${filter}
${table(['Failed at (UTC)', 'Queue', 'Job', 'Name', 'Ids', 'Reason code', 'Reason', 'Attempts', ...(operator ? ['Actions'] : [])], rows, next === undefined ? 'No failed jobs match.' : 'No match among the failed jobs read for this page (a page reads a bounded number); Next page reads on.')}
<nav class="pager" aria-label="Failed jobs pages">
${f.cursor !== undefined && html`<a href="${pageUrl({ ...state, failed: withoutCursor(f) })}">First page</a>`}
${next !== undefined && html`<a href="${pageUrl({ ...state, failed: { ...f, cursor: next } })}" rel="next" data-test="failed-next">Next page</a>`}
</nav>
${operator && items.length > 0 && actionButton('jobs/redrive-matching', 'Redrive every failed job this filter matches', back, stringFields(matching))}`,
    true,
  );
}

function failedRow(item: FailedJobItem, operator: boolean, back: string): Html {
  const target = { queue: item.queue, jobId: item.jobId };
  return html`<tr data-job="${item.queue}/${item.jobId}">
<td>${time(item.failedAt)}</td><td>${item.queue}</td><td>${item.jobId}</td><td>${item.name}</td>
<td class="ids">${Object.entries(item.ids).map(([k, v]) => html`<div>${k}=${v}</div>`)}</td>
<td>${item.reasonCode}</td><td class="reason">${item.reason}</td><td class="num">${item.attemptsMade}</td>
${
  operator &&
  html`<td class="actions">${actionButton('jobs/redrive', 'Redrive', back, target, undefined, 'redrive')}
${actionButton(
  'jobs/discard',
  'Discard',
  back,
  target,
  html`<label><span class="visually-hidden">Reason to discard job ${item.jobId}</span><input name="reason" required maxlength="200" placeholder="reason" size="14"></label>`,
  'discard',
)}</td>`
}
</tr>`;
}

function withoutCursor<T extends { cursor?: string }>(view: T): T {
  const { cursor: _cursor, ...rest } = view;
  return rest as T;
}

function numberValue(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? '' : String(n);
}

/** A filter as form fields (the action reads the same names as the services take). */
export function stringFields(view: object): Record<string, string> {
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined && !(typeof v === 'number' && Number.isNaN(v))).map(([k, v]) => [k, String(v)]));
}
