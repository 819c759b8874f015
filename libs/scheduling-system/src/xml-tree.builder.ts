import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseGuarded, scanXmlHazards, xmlLimits } from '@brygga/xml-intake';

/** The XSD's outer shape (ScheduleExport > Unit > Employee): anything else there is refused by the scan, before a parser builds it. */
const OUTER_ELEMENTS = [
  { depth: 1, names: new Set(['Unit']), refusal: (name: string) => `ScheduleExport holds an element ${name} that the schema does not define` },
  { depth: 2, names: new Set(['Employee']), refusal: (name: string) => `Unit holds an element ${name} that the schema does not define` },
];
import { ScheduleRejectedError } from './schedule-rejected.error';
import { asScheduleRejection } from './xml-bytes.decoder';

/** An element with its namespace resolved; text is the concatenated character data. */
export interface XmlElement {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
  /** Character data that is not whitespace, found between child elements (mixed content). */
  readonly hasMixedText: boolean;
}

const ATTRS = ':@';
const TEXT = '#text';
const CDATA = '#cdata';

// Entities are decoded here, not by the parser, so that `&amp;#xC5;` stays literal text.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
});

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

type Scope = Readonly<Record<string, string>>;

/** Well-formed XML text -> one namespaced root element; anything else rejects the document. */
export function buildXmlTree(text: string): XmlElement {
  // The intake's scan first (DOCTYPE, limits, prototype names): the validator, the parser
  // and the recursion below never meet a depth or a size they could choke on.
  asScheduleRejection(() => scanXmlHazards(text, xmlLimits(), OUTER_ELEMENTS));
  const check = asScheduleRejection(() => parseGuarded(() => XMLValidator.validate(text)));
  if (check !== true) {
    throw new ScheduleRejectedError(`not well-formed XML (${check.err.code} at line ${check.err.line}, column ${check.err.col})`);
  }
  // The parser's own message may quote document text; the guard's reason does not.
  const top = asScheduleRejection(() => parseGuarded(() => parser.parse(text) as unknown[]));
  const roots: XmlElement[] = [];
  for (const node of top) {
    const built = buildNode(node, {});
    if (built === undefined) continue;
    if (typeof built === 'string') {
      if (built.trim() !== '') throw new ScheduleRejectedError('not well-formed XML (text outside the root element)');
      continue;
    }
    roots.push(built);
  }
  if (roots.length !== 1) throw new ScheduleRejectedError(`not well-formed XML (${roots.length} root elements, expected 1)`);
  return roots[0];
}

function buildNode(node: unknown, scope: Scope): XmlElement | string | undefined {
  if (!isRecord(node)) return undefined;
  if (typeof node[TEXT] === 'string') return decodeReferences(node[TEXT]);
  if (Array.isArray(node[CDATA])) return node[CDATA].map((c) => (isRecord(c) && typeof c[TEXT] === 'string' ? c[TEXT] : '')).join('');
  const name = Object.keys(node).find((k) => k !== ATTRS);
  // Declarations and processing instructions carry nothing the contract defines.
  if (name === undefined || name.startsWith('?')) return undefined;
  const rawAttributes = isRecord(node[ATTRS]) ? node[ATTRS] : {};
  const innerScope = withDeclarations(scope, rawAttributes);
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttributes)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    attributes[key] = decodeReferences(String(value).replace(/[\t\n\r]/g, ' '));
  }
  const children: XmlElement[] = [];
  let text = '';
  let hasMixedText = false;
  const content = Array.isArray(node[name]) ? (node[name] as unknown[]) : [];
  for (const child of content) {
    const built = buildNode(child, innerScope);
    if (built === undefined) continue;
    if (typeof built === 'string') {
      text += built;
      if (children.length > 0 && built.trim() !== '') hasMixedText = true;
    } else {
      if (text.trim() !== '') hasMixedText = true;
      children.push(built);
    }
  }
  const { prefix, local } = splitName(name);
  const namespace = prefix === undefined ? innerScope[''] : innerScope[prefix];
  if (prefix !== undefined && namespace === undefined) {
    throw new ScheduleRejectedError(`not well-formed XML (namespace prefix ${prefix} is not declared)`);
  }
  return { name: local, namespace: namespace === '' ? undefined : namespace, attributes, children, text, hasMixedText };
}

function withDeclarations(scope: Scope, attributes: Record<string, unknown>): Scope {
  const declared: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'xmlns') declared[''] = String(value);
    else if (key.startsWith('xmlns:')) declared[key.slice('xmlns:'.length)] = String(value);
  }
  return Object.keys(declared).length === 0 ? scope : { ...scope, ...declared };
}

function splitName(name: string): { prefix: string | undefined; local: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { prefix: undefined, local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

function decodeReferences(raw: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole: string, ref: string) => {
    if (!whole.endsWith(';')) throw new ScheduleRejectedError('not well-formed XML (an unterminated entity reference)');
    const named = NAMED_ENTITIES[ref];
    if (named !== undefined) return named;
    const code = /^#x[0-9A-Fa-f]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (!isXmlChar(code)) throw new ScheduleRejectedError('not well-formed XML (an unknown entity or invalid character reference)');
    return String.fromCodePoint(code);
  });
}

function isXmlChar(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
