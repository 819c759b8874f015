import { type XmlLimits, XML_LIMIT_SETTINGS, xmlLimits } from './xml-limits.config';
import { XmlRefusedError } from './xml-refused.error';
import { isXmlChar } from './xml-references.decoder';

/**
 * Names that, as keys of a plain object, reach its prototype: a parser building objects
 * from element or attribute names must never see them. The contracts use none of them.
 */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const MAX_REFERENCE = 12;

/**
 * One linear pass over a decoded document, before any parser sees it, refusing what a
 * parser could be made to choke on or be abused by: a DOCTYPE (and with it every entity
 * declaration, billion laughs, external and parameter entities), references to entities
 * XML does not predefine or to characters it does not allow, prototype-altering names,
 * and documents over the limits. Cost is O(length) with no recursion, whatever the input.
 * Well-formedness is the parser's job: markup this pass cannot follow is left to it.
 * Returns the root's children that are over `maxRecordElements` (quarantined, not refused).
 */
export function scanXmlHazards(text: string, limits: Readonly<XmlLimits> = xmlLimits(), allowed: readonly XmlAllowedNames[] = []): XmlScan {
  const allowedAt = new Map(allowed.map((a) => [a.depth, a]));
  const oversizedRecords: XmlRecordSpan[] = [];
  let record: (XmlRecordSpan & { elements: number; qualified: string }) | undefined;
  let depth = 0;
  let elements = 0;
  let elementsAtDepth1 = 0;
  let i = 0;
  const amps: AmpCursor = { next: text.indexOf('&') };
  for (;;) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? text.length : lt;
    checkRun(text, i, textEnd, limits.maxTextLength, 'text', amps);
    if (lt < 0) return { oversizedRecords };
    if (text.startsWith('<!--', lt)) {
      i = endOf(text, '-->', lt + 4, 'a comment');
    } else if (text.startsWith('<![CDATA[', lt)) {
      i = endOf(text, ']]>', lt + 9, 'a CDATA section');
      if (i - lt - 12 > limits.maxTextLength) refuse(`a CDATA section is longer than ${limits.maxTextLength} characters (${XML_LIMIT_SETTINGS.maxTextLength})`);
    } else if (text.startsWith('<?', lt)) {
      i = endOf(text, '?>', lt + 2, 'a processing instruction');
    } else if (text.startsWith('<!', lt)) {
      refuse('a DOCTYPE or other markup declaration is not accepted (no DTD, no entity declarations)');
    } else if (text[lt + 1] === '/') {
      depth--;
      i = endOf(text, '>', lt + 2, 'an end tag');
      if (depth === 1 && record) {
        if (record.elements > limits.maxRecordElements) oversizedRecords.push({ index: record.index, start: record.start, startTagEnd: record.startTagEnd, end: i });
        record = undefined;
      }
    } else {
      if (++elements > limits.maxElements) refuse(`the document has more than ${limits.maxElements} elements (${XML_LIMIT_SETTINGS.maxElements})`);
      // An empty element is as deep as one with content.
      if (depth + 1 > limits.maxDepth) refuse(`elements are nested deeper than ${limits.maxDepth} levels (${XML_LIMIT_SETTINGS.maxDepth})`);
      const tag = scanStartTag(text, lt + 1, limits, amps);
      const rule = allowedAt.get(depth);
      if (rule && !rule.names.has(tag.name)) refuse(rule.refusal(tag.name));
      i = tag.end;
      // Elements per child of the root, so that a parser need not build an oversized one.
      if (record) record.elements++;
      else if (depth === 1 && !tag.selfClosing) record = { index: elementsAtDepth1++, start: lt, startTagEnd: i, end: i, elements: 1, qualified: tag.qualified };
      else if (depth === 1) elementsAtDepth1++;
      if (!tag.selfClosing) depth++;
      if (record && record.elements > limits.maxRecordElements) {
        // Over its limit a record is quarantined and cut to its start tag before any parser runs:
        // nothing inside it is parsed, so the rest of it need not be scanned either; on to its end tag.
        const endTag = `</${record.qualified}`;
        const after = (at: number) => text.charCodeAt(at + endTag.length);
        let close = text.indexOf(endTag, i);
        while (close >= 0 && after(close) !== 0x3e && !isSpace(after(close))) close = text.indexOf(endTag, close + 2);
        if (close < 0) malformed('not well-formed XML (the document ends inside an element)');
        i = close;
        depth = 2;
      }
    }
  }
}

/** Past the start tag's `>`: checks its name, each attribute's name, length and references. */
function scanStartTag(text: string, from: number, limits: Readonly<XmlLimits>, amps: AmpCursor): { name: string; qualified: string; end: number; selfClosing: boolean } {
  let p = readName(text, from, 'element');
  const qualified = text.slice(from, p);
  const name = qualified.slice(qualified.indexOf(':') + 1);
  for (;;) {
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (p >= text.length) malformed('not well-formed XML (the document ends inside a start tag)');
    if (text[p] === '>') return { name, qualified, end: p + 1, selfClosing: false };
    if (text.startsWith('/>', p)) return { name, qualified, end: p + 2, selfClosing: true };
    p = readName(text, p, 'attribute');
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (text[p] !== '=') return { name, qualified, end: endOf(text, '>', p, 'a start tag'), selfClosing: false };
    p++;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    const quote = text[p];
    if (quote !== '"' && quote !== "'") return { name, qualified, end: endOf(text, '>', p, 'a start tag'), selfClosing: false };
    const close = text.indexOf(quote, p + 1);
    if (close < 0) malformed('not well-formed XML (the document ends inside an attribute value)');
    if (close - p - 1 > limits.maxAttributeLength) {
      refuse(`an attribute value is longer than ${limits.maxAttributeLength} characters (${XML_LIMIT_SETTINGS.maxAttributeLength})`);
    }
    checkRun(text, p + 1, close, Number.MAX_SAFE_INTEGER, 'attribute', amps);
    p = close + 1;
  }
}

function readName(text: string, from: number, what: 'element' | 'attribute'): number {
  let p = from;
  while (p < text.length && !isNameEnd(text.charCodeAt(p))) p++;
  const name = text.slice(from, p);
  const local = name.slice(name.indexOf(':') + 1);
  if (PROTOTYPE_NAMES.has(local)) refuse(`an ${what} name that could alter JavaScript objects (__proto__, constructor, prototype) is not accepted`);
  return p;
}

/** A child of the root (a record: an Uppdrag, a Unit) by position, and where it is in the text. */
export interface XmlRecordSpan {
  /** Its position among the root's child elements, from 0. */
  index: number;
  start: number;
  /** Just past its start tag's `>`. */
  startTagEnd: number;
  /** Just past its end tag. */
  end: number;
}

/**
 * The element names a schema allows at one depth (1: the root's children), and the
 * refusal when another stands there: a flood of elements no schema knows is refused by
 * this linear pass instead of being built by a parser first (100,000 of them cost the
 * parser about a second of the event loop).
 */
export interface XmlAllowedNames {
  depth: number;
  names: ReadonlySet<string>;
  refusal: (name: string) => string;
}

export interface XmlScan {
  /** Records holding more than `maxRecordElements` elements: a parser need not build them. */
  oversizedRecords: XmlRecordSpan[];
}

/**
 * Where the next `&` is, remembered across runs: searching afresh from every run would
 * walk to the far end of a document without one, again and again (quadratic).
 */
interface AmpCursor {
  next: number;
}

/** A run of text or an attribute value: its length, and that every reference is one XML defines. */
function checkRun(text: string, from: number, to: number, max: number, what: 'text' | 'attribute', amps: AmpCursor): void {
  if (to - from > max) refuse(`a text is longer than ${max} characters (${XML_LIMIT_SETTINGS.maxTextLength})`);
  for (;;) {
    if (amps.next >= 0 && amps.next < from) amps.next = text.indexOf('&', from);
    const amp = amps.next;
    if (amp < 0 || amp >= to) return;
    const semi = referenceEnd(text, amp, to);
    if (semi < 0) malformed(`not well-formed XML (an unterminated reference in ${what === 'text' ? 'a text' : 'an attribute value'})`);
    checkReference(text.slice(amp + 1, semi));
    from = semi + 1;
  }
}

/** The `;` closing the reference at `amp`, looking no further than a reference can be long. */
function referenceEnd(text: string, amp: number, to: number): number {
  const last = Math.min(to, amp + MAX_REFERENCE + 1);
  for (let p = amp + 1; p < last; p++) if (text.charCodeAt(p) === 0x3b) return p;
  return -1;
}

function checkReference(ref: string): void {
  if (ref[0] !== '#') {
    if (!PREDEFINED_ENTITIES.has(ref)) malformed('a reference to an entity XML does not predefine (amp, lt, gt, quot, apos) is not accepted');
    return;
  }
  const code = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
  if (!isXmlChar(code)) malformed('a character reference to a character XML does not allow');
}

function endOf(text: string, close: string, from: number, what: string): number {
  const end = text.indexOf(close, from);
  if (end < 0) malformed(`not well-formed XML (the document ends inside ${what})`);
  return end + close.length;
}

function isNameEnd(c: number): boolean {
  return isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function refuse(reason: string): never {
  throw new XmlRefusedError(reason, 'hazard');
}

function malformed(reason: string): never {
  throw new XmlRefusedError(reason, 'malformed');
}
