import { XMLValidator } from 'fast-xml-parser';
import { parseGuarded, scanXmlHazards, XML_LIMIT_SETTINGS, xmlLimits, type XmlRecordSpan } from '@brygga/xml-intake';
import { DocumentRejectedError } from './document-rejected.error';
import type { ExportHeader, ParsedExport, UppdragContext, UppdragResult } from './parsed-export.types';
import { readUppdrag } from './uppdrag.reader';
import { asDateTimeWithOffset, asInteger, asKod } from './xml-value.validator';
import { createXmlParser, XmlElement } from './xml-element.reader';
import { asRejection, decodeXmlBytes } from './xml-encoding.decoder';

export const UPPDRAG_NAMESPACE = 'urn:se:omsorg:uppdrag:1';
const ROOT = 'Uppdragsexport';
/** The XSD allows only Uppdrag under the root: anything else is refused by the scan, before a parser builds it. */
const ROOT_CHILDREN = [{ depth: 1, names: new Set(['Uppdrag']), refusal: (name: string) => `${ROOT}/${name}: unexpected element` }];

/** The root element as fast-xml-parser read it. */
export interface RootElement {
  name: string;
  prefix: string;
  raw: Record<string, unknown>;
  /** Positions of root children over XML_MAX_RECORD_ELEMENTS: parsed as their start tag only. */
  oversized: ReadonlySet<number>;
}

/** A whole Uppdragsexport document: the header, then each Uppdrag's own result, in document order. */
export function parseUppdragsexport(buf: Buffer): ParsedExport {
  const root = parseRoot(decodeXmlBytes(buf));
  const header = readHeader(root.raw);
  const unexpected: string[] = [];
  new XmlElement(ROOT, root.raw, root.prefix, unexpected).expect({ Uppdrag: [0, Number.MAX_SAFE_INTEGER] }, ['skapad', 'sekvens', 'kalla']);
  if (unexpected.length > 0) throw new DocumentRejectedError(unexpected.join('; '));
  const list = root.raw[qualify(root.prefix, 'Uppdrag')];
  const results = (Array.isArray(list) ? list : []).map((raw: unknown, i: number) => readRecord(raw, root.prefix, header.kalla, root.oversized.has(i)));
  return { header, results };
}

/**
 * One Uppdrag element's text, as the stream splitter yields it, parsed alone inside a
 * minimal copy of its document's root (same name and namespace declarations).
 */
export function parseUppdragElement(xml: string, context: UppdragContext): UppdragResult {
  const declarations = Object.entries(context.namespaceDeclarations)
    .map(([name, uri]) => ` ${name}="${escapeAttribute(uri)}"`)
    .join('');
  let root: RootElement;
  try {
    root = parseRoot(`<${context.rootName}${declarations}>${xml}</${context.rootName}>`);
  } catch (err) {
    // Broken XML is this element's problem; a hazard (DOCTYPE, limits, prototype names) is the file's.
    if (err instanceof DocumentRejectedError && !err.hazard) return { ok: false, reasons: [`Uppdrag: ${err.reason}`] };
    if (err instanceof DocumentRejectedError) throw new DocumentRejectedError(`in an Uppdrag element: ${err.reason}`, true);
    throw err;
  }
  const list = root.raw[qualify(root.prefix, 'Uppdrag')];
  if (!Array.isArray(list) || list.length !== 1) return { ok: false, reasons: ['Uppdrag: the element is not one Uppdrag'] };
  return readRecord(list[0], root.prefix, context.header.kalla, root.oversized.has(0));
}

/** One Uppdrag, unless it is too big to be an assignment: then it alone is quarantined. */
function readRecord(raw: unknown, prefix: string, kalla: string, oversized: boolean): UppdragResult {
  const max = xmlLimits().maxRecordElements;
  if (!oversized && countElements(raw, max) <= max) return readUppdrag(raw, prefix, kalla);
  const attrs = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const id = asKod(typeof attrs['@_id'] === 'string' ? attrs['@_id'] : '');
  const version = asInteger(typeof attrs['@_version'] === 'string' ? attrs['@_version'] : '', 1);
  return {
    ok: false,
    ...(id && { assignmentId: id }),
    ...(version !== undefined && { version }),
    reasons: [`Uppdrag: holds more than ${max} elements (${XML_LIMIT_SETTINGS.maxRecordElements}), too many for one assignment`],
  };
}

/** Elements under `raw` in fast-xml-parser's output, counting no further than just past `max`. */
function countElements(raw: unknown, max: number): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  let n = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('@_') || key === '#text' || !Array.isArray(value)) continue;
    n += value.length;
    for (const child of value) {
      if (n > max) return n;
      n += countElements(child, max - n);
    }
  }
  return n;
}

/** Well-formedness, then the root's name and namespace; anything else rejects the document. */
export function parseRoot(document: string): RootElement {
  // The scan first: the validator and parser must never meet a DOCTYPE, a depth or a size they could choke on.
  const scan = asRejection(() => scanXmlHazards(document, xmlLimits(), ROOT_CHILDREN));
  // An oversized Uppdrag will be quarantined: only its start tag (id, version) is parsed, not its 50,000 children.
  const oversized = new Set(scan.oversizedRecords.map((r) => r.index));
  const text = withoutContentOf(document, scan.oversizedRecords);
  const valid = asRejection(() => parseGuarded(() => XMLValidator.validate(text)));
  if (valid !== true) {
    // The validator's own message may quote content; the code and position suffice.
    throw new DocumentRejectedError(`not well-formed XML (${valid.err.code} at line ${valid.err.line}, column ${valid.err.col})`);
  }
  const parsed: unknown = asRejection(() => parseGuarded(() => createXmlParser().parse(text)));
  const names = typeof parsed === 'object' && parsed !== null ? Object.keys(parsed) : [];
  if (names.length !== 1) throw new DocumentRejectedError('the document must have exactly one root element');
  const name = names[0];
  const raws = (parsed as Record<string, unknown>)[name];
  const raw = Array.isArray(raws) && typeof raws[0] === 'object' && raws[0] !== null ? (raws[0] as Record<string, unknown>) : {};
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  if (local !== ROOT) throw new DocumentRejectedError(`the root element must be ${ROOT}`);
  const namespace = raw[prefix ? `@_xmlns:${prefix}` : '@_xmlns'];
  if (namespace !== UPPDRAG_NAMESPACE) throw new DocumentRejectedError(`the root element must be in namespace ${UPPDRAG_NAMESPACE}`);
  return { name, prefix, raw, oversized };
}

function withoutContentOf(text: string, records: readonly XmlRecordSpan[]): string {
  if (records.length === 0) return text;
  let out = '';
  let from = 0;
  for (const r of records) {
    out += `${text.slice(from, r.startTagEnd - 1)}/>`;
    from = r.end;
  }
  return out + text.slice(from);
}

export function namespaceDeclarationsOf(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((key === '@_xmlns' || key.startsWith('@_xmlns:')) && typeof value === 'string') out[key.slice(2)] = value;
  }
  return out;
}

/** The root attributes; a header that cannot be trusted rejects the document (its sekvens drives the feed). */
export function readHeader(raw: Record<string, unknown>): ExportHeader {
  const reasons: string[] = [];
  const root = new XmlElement(ROOT, raw, '', reasons);
  const skapad = root.read('skapad', asDateTimeWithOffset, 'must be a date-time with an offset');
  const sekvens = root.read('sekvens', (v) => asInteger(v, 0), 'must be a whole number ≥ 0');
  const kalla = root.read('kalla', (v) => (v === '' ? undefined : v), 'must not be empty');
  if (reasons.length > 0 || skapad === undefined || sekvens === undefined || kalla === undefined) {
    throw new DocumentRejectedError(reasons.join('; '));
  }
  return { skapad, sekvens, kalla };
}

function qualify(prefix: string, local: string): string {
  return prefix ? `${prefix}:${local}` : local;
}

function escapeAttribute(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
