import type { JournalEntry } from '@brygga/journal';
import { JOURNAL_BUSINESS_KEYS } from '@brygga/journal';
import { type Html, html } from './html';
import { section, table, time } from './view-parts';

const KEY_LABELS: Readonly<Record<(typeof JOURNAL_BUSINESS_KEYS)[number], string>> = {
  assignmentId: 'Assignment id',
  decisionId: 'Decision id',
  documentId: 'Document id',
  unitId: 'Unit id',
  requestId: 'Request id',
};

/**
 * The search box: a person's timeline by identity or employment number, posted in a form
 * body (never a URL: access logs and browser history keep URLs); a business key by GET,
 * an id being no personal data.
 */
export function timelineSearchView(): Html {
  return section(
    'timeline',
    'What happened? (journal)',
    html`<form class="filters" method="post" action="/admin/timeline" aria-label="A person's timeline">
<label>Identity number <input name="identityNumber" size="16" autocomplete="off" spellcheck="false" inputmode="numeric" placeholder="YYYYMMDD-NNNN"></label>
<label>or employment number <input name="employmentNumber" size="10" autocomplete="off" spellcheck="false"></label>
<button type="submit">Show timeline</button>
</form>
<form class="filters" method="get" action="/admin/journal" aria-label="The journal by a business key">
<label>Key <select name="key">${JOURNAL_BUSINESS_KEYS.map((k) => html`<option value="${k}">${KEY_LABELS[k]}</option>`)}</select></label>
<label>Value <input name="value" size="24" spellcheck="false"></label>
<button type="submit">Show journal</button>
</form>
<p class="muted">Every timeline read is recorded in the audit log (your token name and the person's hashed key).</p>`,
    true,
  );
}

/** Journal entries as a readable sequence, oldest first: when, what, how it ended, the ids, why, and the planning tool's answer. */
export function journalEntriesView(title: string, entries: readonly JournalEntry[], after?: Html): Html {
  const rows = entries.map(
    (e) => html`<tr data-kind="${e.kind}">
<td>${time(e.at)}</td><td>${e.kind}</td><td>${e.status}</td>
<td class="ids">${idsOf(e)}</td>
<td class="reason">${(e.reasons ?? []).join(', ')}</td>
<td>${e.answer ? `${e.answer.status}${e.answer.code ? ` ${e.answer.code}` : ''}` : ''}</td>
<td class="ids muted">${detailOf(e)}</td>
</tr>`,
  );
  return html`<main>${section('journal', title, html`${table(['At (UTC)', 'What', 'Status', 'Ids', 'Why', 'Planning tool answered', 'Details'], rows, 'Nothing in the journal (within its retention).')}${after}<p><a href="/admin">Back to the operations page</a></p>`, true)}</main>`;
}

function idsOf(e: JournalEntry): Html[] {
  const { decisionIds, ...refs } = e.refs;
  const pairs: Array<[string, string]> = Object.entries(refs).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]));
  if (decisionIds?.length) pairs.push(['decisions', decisionIds.join(', ')]);
  if (e.rulesVersion) pairs.push(['rules', e.rulesVersion]);
  return pairs.map(([k, v]) => html`<span>${k} ${v}</span><br>`);
}

function detailOf(e: JournalEntry): string {
  return Object.entries(e.detail ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
