/**
 * The page's one way to write HTML: a tagged template that escapes every value it is given
 * unless the value is already Html (another template's result). Hand-written because it is
 * twenty lines and the page needs no template engine (and no build step) for a handful of
 * tables and forms; what matters is that forgetting to escape is impossible: a string can
 * only reach the output through `html`, and there it is always escaped.
 *
 * Attributes are always written double-quoted, so escaping `"` (with `&<>'`) is enough for
 * both text and attribute values. URLs in attributes are built by the page's own code
 * (paths and URLSearchParams), never taken whole from a request.
 */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  // Absent and false render as nothing, so `${cond && html`...`}` reads as it should.
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}
