import type { Reason } from '@brygga/domain';
import { decodeXmlDocument, readXmlDocument, XML_LIMIT_SETTINGS, type XmlElement, xmlLimits } from '@brygga/xml-intake';
import { ContractElement, UPPDRAG_NAMESPACE } from './contract-element.reader';
import { asRejection, DocumentRejectedError } from './document-rejected.error';
import type { ExportHeader, ParsedExport, UppdragContext, UppdragResult } from './parsed-export.types';
import { readUppdrag } from './uppdrag.reader';
import { asDateTimeWithOffset, asInteger, asKod } from './xml-value.validator';

export { UPPDRAG_NAMESPACE } from './contract-element.reader';

const ROOT = 'Uppdragsexport';
/** The XSD allows only Uppdrag under the root: anything else is refused by the scan, before a parser builds it. */
const ROOT_CHILDREN = [{ depth: 1, names: new Set(['Uppdrag']), refusal: (name: string) => `${ROOT}/${name}: unexpected element` }];

/** The root element, as the intake read it. */
export interface RootElement {
  /** As written, e.g. `Uppdragsexport` or `u:Uppdragsexport`. */
  name: string;
  prefix: string;
  element: XmlElement;
  /** Positions of root children over XML_MAX_RECORD_ELEMENTS: parsed as their start tag only. */
  oversized: ReadonlySet<number>;
}

/** A whole Uppdragsexport document: the header, then each Uppdrag's own result, in document order. */
export function parseUppdragsexport(buf: Buffer): ParsedExport {
  const root = parseRoot(asRejection(() => decodeXmlDocument(buf)));
  const header = readHeader(root.element);
  const unexpected: Reason[] = [];
  new ContractElement(ROOT, root.element, unexpected).expect({ Uppdrag: [0, Number.MAX_SAFE_INTEGER] }, ['skapad', 'sekvens', 'kalla']);
  if (unexpected.length > 0) throw new DocumentRejectedError(texts(unexpected));
  // Past `expect`, every child of the root is an Uppdrag: positions match the scan's.
  const results = root.element.children.map((uppdrag, i) => readRecord(uppdrag, header.kalla, root.oversized.has(i)));
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
    if (err instanceof DocumentRejectedError && !err.hazard) return { ok: false, reasons: [{ code: 'record.not-well-formed', path: 'Uppdrag', text: `Uppdrag: ${err.reason}` }] };
    if (err instanceof DocumentRejectedError) throw new DocumentRejectedError(`in an Uppdrag element: ${err.reason}`, true);
    throw err;
  }
  const list = root.element.childrenNamed(UPPDRAG_NAMESPACE, 'Uppdrag');
  if (list.length !== 1 || root.element.children.length !== 1) return { ok: false, reasons: [{ code: 'record.not-single', path: 'Uppdrag', text: 'Uppdrag: the element is not one Uppdrag' }] };
  return readRecord(list[0], context.header.kalla, root.oversized.has(0));
}

/** One Uppdrag, unless it is too big to be an assignment: then it alone is quarantined. */
function readRecord(element: XmlElement, kalla: string, oversized: boolean): UppdragResult {
  const max = xmlLimits().maxRecordElements;
  if (!oversized && countElements(element, max) <= max) return readUppdrag(element, kalla);
  const id = asKod(element.attributes.id ?? '');
  const version = asInteger(element.attributes.version ?? '', 1);
  return {
    ok: false,
    ...(id && { assignmentId: id }),
    ...(version !== undefined && { version }),
    reasons: [{ code: 'record.too-large', path: 'Uppdrag', text: `Uppdrag: holds more than ${max} elements (${XML_LIMIT_SETTINGS.maxRecordElements}), too many for one assignment` }],
  };
}

/** Elements under `element`, counting no further than just past `max`. */
function countElements(element: XmlElement, max: number): number {
  let n = element.children.length;
  for (const child of element.children) {
    if (n > max) return n;
    n += countElements(child, max - n);
  }
  return n;
}

/** Hazards, well-formedness, then the root's name and namespace; anything else rejects the document. */
export function parseRoot(document: string): RootElement {
  // An oversized Uppdrag will be quarantined: only its start tag (id, version) is parsed, not its 50,000 children.
  const { root: element, oversized } = asRejection(() => readXmlDocument(document, { allowed: ROOT_CHILDREN, cutOversizedRecords: true }));
  if (element.name !== ROOT) throw new DocumentRejectedError(`the root element must be ${ROOT}`);
  if (element.namespace !== UPPDRAG_NAMESPACE) throw new DocumentRejectedError(`the root element must be in namespace ${UPPDRAG_NAMESPACE}`);
  const colon = element.qualifiedName.indexOf(':');
  return { name: element.qualifiedName, prefix: colon < 0 ? '' : element.qualifiedName.slice(0, colon), element, oversized };
}

/** The root attributes; a header that cannot be trusted rejects the document (its sekvens drives the feed). */
export function readHeader(element: XmlElement): ExportHeader {
  const reasons: Reason[] = [];
  const root = new ContractElement(ROOT, element, reasons);
  const skapad = root.read('skapad', asDateTimeWithOffset, { code: 'date-time.invalid', text: 'must be a date-time with an offset' });
  const sekvens = root.read('sekvens', (v) => asInteger(v, 0), { code: 'number.invalid', text: 'must be a whole number ≥ 0' });
  const kalla = root.read('kalla', (v) => (v === '' ? undefined : v), { code: 'text.length', text: 'must not be empty' });
  if (reasons.length > 0 || skapad === undefined || sekvens === undefined || kalla === undefined) {
    throw new DocumentRejectedError(texts(reasons));
  }
  return { skapad, sekvens, kalla };
}

/** A whole document's refusal is one sentence of its reasons' words (the `400`'s detail). */
function texts(reasons: readonly Reason[]): string {
  return reasons.map((r) => r.text).join('; ');
}

function escapeAttribute(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
