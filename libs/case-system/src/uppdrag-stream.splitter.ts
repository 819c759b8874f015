import { createXmlTextDecoder, detectXmlEncoding, XML_LIMIT_SETTINGS, xmlLimits } from '@brygga/xml-intake';
import { asRejection, DocumentRejectedError } from './document-rejected.error';
import type { UppdragContext } from './parsed-export.types';
import { parseRoot, readHeader } from './uppdragsexport.parser';

export type UppdragStreamItem =
  /** Always first: what every Uppdrag element needs to be parsed alone (`parseUppdragElement`). */
  | { kind: 'header'; context: UppdragContext }
  /** One `<Uppdrag>…</Uppdrag>` element's text, decoded, in document order. */
  | { kind: 'uppdrag'; index: number; xml: string };

const HEAD_BYTES = 1024;

type Scan = { end: number } | { more: number };

/**
 * Splits an Uppdragsexport byte stream into its Uppdrag elements without ever holding
 * the whole document (exports can reach hundreds of MB): only the element being read
 * is buffered. Whole-document problems (encoding, root, namespace, header, truncation,
 * foreign elements under the root) throw DocumentRejectedError; an element's own
 * problems, including malformed XML inside it, are for `parseUppdragElement` to report.
 */
export async function* splitUppdragStream(input: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<UppdragStreamItem> {
  const chunks = input[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let ended = false;
  while (head.length < HEAD_BYTES && !ended) {
    const next = await chunks.next();
    if (next.done) ended = true;
    else head = Buffer.concat([head, toBytes(next.value)]);
  }
  const decodeChunk = createXmlTextDecoder(asRejection(() => detectXmlEncoding(head)));
  // Bytes that are not valid in the declared encoding reject the document.
  const decode = (bytes: Uint8Array, stream: boolean): string => asRejection(() => decodeChunk(bytes, stream));
  // Beyond this, a single element is not an assignment but a broken or hostile document.
  const maxElementChars = xmlLimits().maxDocumentBytes;

  let text = decode(head, !ended);
  let pos = 0;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await chunks.next();
    text = text.slice(pos);
    pos = 0;
    if (next.done) {
      ended = true;
      text += decode(new Uint8Array(0), false);
    } else {
      text += decode(toBytes(next.value), true);
    }
    return true;
  };

  // Prolog: declaration, comments, processing instructions, then the root start tag.
  let rootTag: { end: number; selfClosing: boolean } | undefined;
  for (;;) {
    pos = skipMisc(text, pos);
    if (pos < text.length && text[pos] === '<' && /^<[A-Za-z_]/.test(text.slice(pos, pos + 2))) {
      rootTag = startTagEnd(text, pos);
      if (rootTag) break;
    } else if (pos < text.length && text.startsWith('<!', pos) && !'<!--'.startsWith(text.slice(pos, pos + 4))) {
      throw new DocumentRejectedError('a DOCTYPE or other markup declaration is not accepted (no DTD, no entity declarations)', true);
    } else if (pos < text.length && !isIncompleteMarkup(text, pos)) {
      throw new DocumentRejectedError('not well-formed XML (no root element where one was expected)');
    }
    if (!(await more())) throw new DocumentRejectedError('not well-formed XML (the document ends before its root element)');
  }
  const startTag = text.slice(pos, rootTag.end + 1);
  const root = parseRoot(rootTag.selfClosing ? startTag : `${startTag.slice(0, -1)}/>`);
  const context: UppdragContext = { header: readHeader(root.element), rootName: root.name, namespaceDeclarations: { ...root.element.namespaceDeclarations } };
  yield { kind: 'header', context };
  if (rootTag.selfClosing) return;
  pos = rootTag.end + 1;

  const uppdragName = root.prefix ? `${root.prefix}:Uppdrag` : 'Uppdrag';
  const rootClose = new RegExp(`^</${escapeRegExp(root.name)}\\s*>`);
  const uppdragOpen = new RegExp(`^<${escapeRegExp(uppdragName)}[\\s/>]`);
  let index = 0;
  for (;;) {
    pos = skipMisc(text, pos);
    const rest = text.slice(pos, pos + root.name.length + 64);
    if (rootClose.test(rest)) return;
    if (uppdragOpen.test(rest)) {
      const scan = elementEnd(text, pos, uppdragName);
      if ('end' in scan) {
        yield { kind: 'uppdrag', index: index++, xml: text.slice(pos, scan.end) };
        pos = scan.end;
        continue;
      }
      if (text.length - pos > maxElementChars) {
        throw new DocumentRejectedError(`Uppdrag number ${index + 1} is larger than ${maxElementChars} characters (${XML_LIMIT_SETTINGS.maxDocumentBytes})`, true);
      }
    } else if (pos < text.length && !isIncompleteMarkup(text, pos)) {
      const what = text[pos] === '<' ? 'an element other than Uppdrag' : 'text';
      throw new DocumentRejectedError(`unexpected ${what} under the root element, after Uppdrag number ${index}`);
    }
    if (!(await more())) throw new DocumentRejectedError('not well-formed XML (the document ends before its root element is closed)');
  }
}

function toBytes(chunk: Buffer | Uint8Array | string): Uint8Array {
  if (typeof chunk === 'string') throw new TypeError('splitUppdragStream needs bytes: do not set an encoding on the stream');
  return chunk;
}

/** Past whitespace, comments and processing instructions that are complete in `text`. */
function skipMisc(text: string, from: number): number {
  let p = from;
  for (;;) {
    while (p < text.length && /\s/.test(text[p])) p++;
    const close = text.startsWith('<!--', p) ? '-->' : text.startsWith('<?', p) ? '?>' : undefined;
    if (close === undefined) return p;
    const end = text.indexOf(close, p);
    if (end < 0) return p;
    p = end + close.length;
  }
}

/** Whether what starts at `from` may still become valid markup once more text arrives. */
function isIncompleteMarkup(text: string, from: number): boolean {
  const rest = text.slice(from);
  if (rest.length < 16 && text[from] === '<') return true;
  if (rest.startsWith('<!--')) return !rest.includes('-->');
  if (rest.startsWith('<?')) return !rest.includes('?>');
  if (/^<[A-Za-z_/]/.test(rest)) return !rest.includes('>');
  return false;
}

/** The `>` of the start tag at `from` (quotes respected), or undefined if not yet complete. */
function startTagEnd(text: string, from: number): { end: number; selfClosing: boolean } | undefined {
  let quote: string | undefined;
  for (let p = from + 1; p < text.length; p++) {
    const c = text[p];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return { end: p, selfClosing: text[p - 1] === '/' };
  }
  return undefined;
}

/** The index just past the element at `from`; CDATA sections and comments cannot end it. */
function elementEnd(text: string, from: number, name: string): Scan {
  const tag = startTagEnd(text, from);
  if (!tag) return { more: from };
  if (tag.selfClosing) return { end: tag.end + 1 };
  const close = new RegExp(`^</${escapeRegExp(name)}\\s*>`);
  let p = tag.end + 1;
  for (;;) {
    const lt = text.indexOf('<', p);
    if (lt < 0) return { more: p };
    const skip = text.startsWith('<![CDATA[', lt) ? ']]>' : text.startsWith('<!--', lt) ? '-->' : undefined;
    if (skip) {
      const end = text.indexOf(skip, lt);
      if (end < 0) return { more: lt };
      p = end + skip.length;
      continue;
    }
    const candidate = text.slice(lt, lt + name.length + 16);
    const m = close.exec(candidate);
    if (m) return { end: lt + m[0].length };
    if (candidate.startsWith(`</${name}`) && !candidate.includes('>')) return { more: lt };
    p = lt + 1;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
