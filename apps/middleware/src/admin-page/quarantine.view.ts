import type { AdminPrincipal } from '@brygga/admin-access';
import type { QuarantineItem, QuarantinePage } from '@brygga/operations';
import { type ListResult, stringFields } from './failed-jobs.view';
import { type Html, html } from './html';
import { FAILED_PARAMS, type PageQuery, pageUrl, QUARANTINE_PARAMS, type QuarantineView } from './page-query';
import { actionButton, hiddenParams, may, options, section, table, time } from './view-parts';

/** Quarantined items, one page at a time, filtered server-side; requeue for operators. Reasons as codes and paths. */
export function quarantineView(result: ListResult<QuarantinePage>, state: PageQuery, flows: readonly string[], principal: AdminPrincipal, back: string): Html {
  const q = state.quarantine;
  const params = new URLSearchParams(back);
  const filter = html`<form class="filters" method="get" action="/admin" aria-label="Filter quarantined items">
<label>Flow <select name="${QUARANTINE_PARAMS.flow}">${options(flows, q.flow)}</select></label>
<label>Reason code <input name="${QUARANTINE_PARAMS.reason}" value="${q.reason ?? ''}" size="18" spellcheck="false"></label>
<label>Older than (min) <input name="${QUARANTINE_PARAMS.olderThanMinutes}" type="number" min="0" value="${q.olderThanMinutes ?? ''}" size="6"></label>
<label>Newer than (min) <input name="${QUARANTINE_PARAMS.newerThanMinutes}" type="number" min="0" value="${q.newerThanMinutes ?? ''}" size="6"></label>
${hiddenParams(params, Object.values(FAILED_PARAMS))}
<button type="submit">Filter quarantine</button>
<a href="${pageUrl({ ...state, quarantine: {} })}">Clear</a>
</form>`;
  if (!result.ok) return section('quarantine', 'Quarantine', html`${filter}<p class="flash error" role="alert">${result.problem}</p>`, true);
  const { items, next } = result.page;
  const operator = may(principal, 'operator');
  const rows = items.map((item) => quarantineRow(item, operator, back));
  const { cursor: _cursor, ...matching }: QuarantineView = q;
  return section(
    'quarantine',
    'Quarantine',
    html`${filter}
${table(['At (UTC)', 'Flow', 'Ref', 'Version', 'Reasons (code at path)', 'Rules', ...(operator ? ['Action'] : [])], rows, 'Nothing quarantined matches.')}
<nav class="pager" aria-label="Quarantine pages">
${q.cursor !== undefined && html`<a href="${pageUrl({ ...state, quarantine: matching })}">First page</a>`}
${next !== undefined && html`<a href="${pageUrl({ ...state, quarantine: { ...q, cursor: next } })}" rel="next">Next page</a>`}
</nav>
${operator && items.length > 0 && actionButton('quarantine/requeue-matching', 'Requeue every item this filter matches', back, stringFields(matching))}`,
    true,
  );
}

function quarantineRow(item: QuarantineItem, operator: boolean, back: string): Html {
  return html`<tr data-quarantine="${item.flow}/${item.id}">
<td>${time(item.at)}</td><td>${item.flow}</td><td>${item.ref}</td><td class="num">${item.version ?? ''}</td>
<td class="reason">${item.reasons.map((r) => html`<div>${r.code}${r.path ? html` <span class="muted">at ${r.path}</span>` : ''}</div>`)}</td>
<td>${item.rulesVersion ?? ''}</td>
${operator && html`<td>${item.requeueable ? actionButton('quarantine/requeue', 'Requeue', back, { flow: item.flow, id: item.id }) : html`<span class="muted">refused at intake: nothing stored to requeue</span>`}</td>`}
</tr>`;
}
