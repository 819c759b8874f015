import { type AdminPrincipal, type AdminRole, roleAllows } from '@brygga/admin-access';
import { type Html, html, type HtmlValue } from './html';

/** Whether the signed-in token may press a button that needs `role`: buttons are shown by role, and the actions check it again. */
export function may(principal: AdminPrincipal, role: AdminRole): boolean {
  return roleAllows(principal.role, role);
}

/** A time as UTC to the second, with its exact value for machines. */
export function time(iso: string | undefined): Html {
  if (iso === undefined || iso === '') return html`<span class="muted">never</span>`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return html`<span class="muted">?</span>`;
  return html`<time datetime="${d.toISOString()}">${d.toISOString().slice(0, 19).replace('T', ' ')}</time>`;
}

/**
 * A button that posts to an action. `back` is the page's query string, so the action's
 * redirect returns to the same filters and pages; `fields` are the action's own inputs
 * (hidden: ids, codes). The button's text is its accessible name.
 */
export function actionButton(action: string, label: string, back: string, fields: Record<string, string>, extra?: Html, testId?: string): Html {
  return html`<form class="inline" method="post" action="/admin/actions/${action}">
<input type="hidden" name="back" value="${back}">
${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
${extra}<button type="submit"${testId ? html` data-test="${testId}"` : ''}>${label}</button>
</form>`;
}

export function section(id: string, title: string, body: HtmlValue, wide = false): Html {
  return html`<section id="${id}"${wide ? html` class="wide"` : ''} aria-labelledby="${id}-title">
<h2 id="${id}-title">${title}</h2>
${body}
</section>`;
}

export function table(headers: readonly string[], rows: readonly Html[], empty: string): Html {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<table>
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

/** An `<option>` list for a filter; the empty option means "any". */
export function options(values: readonly string[], selected: string | undefined): Html {
  return html`<option value="">any</option>${values.map((v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${v}</option>`)}`;
}

/** Hidden inputs carrying the other list's state through a filter form. */
export function hiddenParams(params: URLSearchParams, keep: readonly string[]): Html {
  return html`${keep.filter((k) => params.has(k)).map((k) => html`<input type="hidden" name="${k}" value="${params.get(k) ?? ''}">`)}`;
}
