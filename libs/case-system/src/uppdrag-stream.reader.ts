import { XML_LIMIT_SETTINGS, xmlLimits } from '@brygga/xml-intake';
import { SaxesParser, type SaxesStartTagPlain, type SaxesTagPlain } from 'saxes';
import { BrokenUppdragLocator } from './broken-uppdrag.locator';
import { DecodedTextWindow } from './decoded-text.window';
import { DocumentRejectedError } from './document-rejected.error';
import type { UppdragStreamItem } from './uppdrag-stream.item';
import { parseRoot, readHeader } from './uppdragsexport.parser';

/** prolog → root (its start tag) → between ⇄ inside (an Uppdrag) or broken (one the parser gave up on) → done. */
type Phase = 'prolog' | 'root' | 'between' | 'inside' | 'broken' | 'done';

type Parser = SaxesParser<{ xmlns: false }>;

/** Thrown from a parser handler to stop it mid-chunk (the root closed, or an element broke): never escapes. */
const INTERRUPTED = new Error('interrupted');

/**
 * The element boundaries of an Uppdragsexport, found by a streaming XML parser (saxes) fed
 * decoded text chunk by chunk. saxes reports events, not text: each element's text is cut
 * from the decoded text by the parser's positions (indexes into that text, whatever the
 * chunking), and only the text of the element being read is kept.
 *
 * saxes does no DTD processing: it never expands an entity a DOCTYPE declares, nor fetches
 * an external one, and the DOCTYPE is refused when it closes, before any content is read.
 */
export class UppdragStreamReader {
  private parser: Parser = this.createParser();
  private phase: Phase = 'prolog';
  private readonly text = new DecodedTextWindow();
  /** Document offset of the parser's position 0 (a restarted parser was first given the root's start tag). */
  private origin = 0;
  private depth = 0;
  private rootStart = 0;
  private rootStartTag = '';
  private rootTagBroken = false;
  private uppdragName = 'Uppdrag';
  /** Document offset of the current Uppdrag's `<`, or (between elements) of where the last one ended. */
  private mark = 0;
  private index = 0;
  private locator: BrokenUppdragLocator | undefined;
  private found: UppdragStreamItem[] = [];
  private rejection: DocumentRejectedError | undefined;
  private readonly limits = xmlLimits();

  get done(): boolean {
    return this.phase === 'done';
  }

  /** The next decoded chunk: the items it completes, in document order; then throws if the document is refused. */
  write(chunk: string): UppdragStreamItem[] {
    if (this.rejection) throw this.rejection;
    this.text.append(chunk);
    try {
      this.consume(chunk);
      this.checkSize();
    } catch (error) {
      if (!(error instanceof DocumentRejectedError)) throw error;
      // The items before the problem are handed out first, as they come in the document.
      this.rejection = error;
    }
    this.release();
    const found = this.found;
    this.found = [];
    return found;
  }

  /** Throws the refusal the last chunk ran into, once its items were handed out. */
  throwIfRejected(): void {
    if (this.rejection) throw this.rejection;
  }

  /** The input ended: anything short of the root's end tag rejects the document. */
  end(): void {
    this.throwIfRejected();
    if (this.phase === 'prolog' || this.phase === 'root') throw new DocumentRejectedError('not well-formed XML (the document ends before its root element)');
    if (this.phase !== 'done') throw new DocumentRejectedError('not well-formed XML (the document ends before its root element is closed)');
  }

  private consume(piece: string): void {
    let next: string | undefined = piece;
    while (next !== undefined && this.phase !== 'done') {
      if (this.phase === 'broken' && this.locator) {
        const end = this.locator.push(next);
        if (end === undefined) return;
        this.emit(end);
        this.restart(end);
        next = this.text.slice(end);
        continue;
      }
      try {
        this.parser.write(next);
        next = undefined;
      } catch (error) {
        if (error !== INTERRUPTED) throw error;
        next = this.phase === 'broken' ? this.text.slice(this.mark) : undefined;
      }
    }
  }

  private createParser(): Parser {
    const parser: Parser = new SaxesParser({ xmlns: false });
    parser.on('opentagstart', (tag) => this.onOpenTagStart(tag));
    parser.on('opentag', (tag) => this.onOpenTag(tag));
    parser.on('closetag', (tag) => this.onCloseTag(tag));
    parser.on('cdata', () => {
      if (this.phase === 'between') this.unexpected('text');
    });
    parser.on('doctype', () => {
      throw new DocumentRejectedError('a DOCTYPE or other markup declaration is not accepted (no DTD, no entity declarations)', true);
    });
    parser.on('error', () => this.onError());
    return parser;
  }

  /** After a broken element: a fresh parser, given the root's start tag so that it stands where the old one stood. */
  private restart(at: number): void {
    this.parser = this.createParser();
    this.parser.write(this.rootStartTag);
    this.origin = at - this.rootStartTag.length;
    this.depth = 1;
    this.between(at);
  }

  private onOpenTagStart(tag: SaxesStartTagPlain): void {
    if (this.phase === 'prolog') {
      this.phase = 'root';
      this.rootStart = this.lastLessThan();
    } else if (this.depth >= this.limits.maxDepth) {
      // saxes keeps every open element: a deep one is refused here, as the intake's scan would refuse it.
      throw new DocumentRejectedError(`in an Uppdrag element: elements are nested deeper than ${this.limits.maxDepth} levels (${XML_LIMIT_SETTINGS.maxDepth})`, true);
    } else if (this.phase === 'between') {
      if (tag.name !== this.uppdragName) this.unexpected('an element other than Uppdrag');
      const start = this.lastLessThan();
      this.checkSize(start);
      this.phase = 'inside';
      this.mark = start;
      this.parser.off('text');
    }
  }

  private onOpenTag(tag: SaxesTagPlain): void {
    if (!tag.isSelfClosing) this.depth++;
    if (this.phase !== 'root') return;
    this.rootStartTag = this.text.slice(this.rootStart, this.position());
    // The intake's reading of the start tag and the header say what is wrong with it, when they can.
    const root = parseRoot(tag.isSelfClosing ? this.rootStartTag : `${this.rootStartTag.slice(0, -1)}/>`);
    const header = readHeader(root.element);
    if (this.rootTagBroken) throw new DocumentRejectedError("not well-formed XML (in the root element's start tag)");
    this.uppdragName = root.prefix ? `${root.prefix}:Uppdrag` : 'Uppdrag';
    this.found.push({ kind: 'header', context: { header, rootName: root.name, namespaceDeclarations: { ...root.element.namespaceDeclarations } } });
    if (tag.isSelfClosing) this.finish();
    this.between(this.position());
  }

  private onCloseTag(tag: SaxesTagPlain): void {
    if (!tag.isSelfClosing) this.depth--;
    else if (this.depth !== 1) return;
    if (this.depth > 1 || this.phase === 'done') return;
    // saxes pops the innermost open element whatever name the end tag gives (and reports
    // the mismatch after): the name as written is checked here, where it decides a boundary.
    const matches = tag.isSelfClosing || this.endTagName() === tag.name;
    if (this.depth === 0) {
      if (!matches) this.unexpected('an element other than Uppdrag');
      this.finish();
    }
    if (!matches) this.breakElement();
    this.emit(this.position());
    this.between(this.position());
  }

  private onError(): void {
    switch (this.phase) {
      case 'prolog':
        throw new DocumentRejectedError('not well-formed XML (no root element where one was expected)');
      case 'root':
        // Its start tag is read to its end, then refused with the intake's reason when it has one.
        this.rootTagBroken = true;
        return;
      case 'between':
        throw new DocumentRejectedError(`not well-formed XML under the root element, after Uppdrag number ${this.index}`);
      case 'inside':
        this.breakElement();
    }
  }

  private breakElement(): never {
    this.phase = 'broken';
    this.locator = new BrokenUppdragLocator(this.uppdragName, this.mark);
    throw INTERRUPTED;
  }

  private finish(): never {
    this.phase = 'done';
    throw INTERRUPTED;
  }

  private between(from: number): void {
    this.phase = 'between';
    this.mark = from;
    // On only between elements: inside them saxes then need not collect text nobody reads.
    this.parser.on('text', this.onTextBetween);
  }

  private readonly onTextBetween = (text: string): void => {
    if (/\S/.test(text)) this.unexpected('text');
  };

  private emit(end: number): void {
    this.checkSize(end);
    this.found.push({ kind: 'uppdrag', index: this.index++, xml: this.text.slice(this.mark, end) });
    this.locator = undefined;
  }

  private unexpected(what: string): never {
    throw new DocumentRejectedError(`unexpected ${what} under the root element, after Uppdrag number ${this.index}`);
  }

  /** Beyond XML_MAX_DOCUMENT_BYTES, one element (or what stands between two) is no assignment but a broken or hostile document. */
  private checkSize(end = this.text.end): void {
    const max = this.limits.maxDocumentBytes;
    const setting = XML_LIMIT_SETTINGS.maxDocumentBytes;
    if (this.phase === 'prolog' || this.phase === 'root') {
      if (end > max) throw new DocumentRejectedError(`no root element within the first ${max} characters (${setting})`, true);
    } else if (end - this.mark <= max) {
      return;
    } else if (this.phase === 'between') {
      // Comments between elements are not kept here, but saxes collects a comment's text.
      throw new DocumentRejectedError(`more than ${max} characters between two Uppdrag elements (${setting})`, true);
    } else if (this.phase !== 'done') {
      throw new DocumentRejectedError(`Uppdrag number ${this.index + 1} is larger than ${max} characters (${setting})`, true);
    }
  }

  /** Drops the text no element will be cut from any more. */
  private release(): void {
    if (this.phase === 'inside' || this.phase === 'broken') this.text.dropBefore(this.mark);
    else if (this.phase === 'root') this.text.dropBefore(this.rootStart);
    else if (this.phase === 'done') this.text.dropBefore(this.text.end);
    else {
      // A start or end tag not yet complete begins at the last `<`; before it is only what the parser has read.
      const lt = this.text.lastIndexOf('<');
      this.text.dropBefore(lt < 0 ? this.text.end : lt);
    }
  }

  /** The parser's position as a document offset: just past what it last read. */
  private position(): number {
    return this.origin + this.parser.position;
  }

  /** Where the tag the parser is reading (or has just read) starts. */
  private lastLessThan(): number {
    return this.text.lastIndexOf('<', this.position());
  }

  /** The name of the end tag the parser just read, as written. */
  private endTagName(): string {
    const end = this.position();
    return this.text.slice(this.text.lastIndexOf('</', end) + 2, end - 1).trimEnd();
  }
}
