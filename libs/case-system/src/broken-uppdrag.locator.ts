type State = 'start-tag' | 'content' | 'cdata' | 'comment';

/**
 * Where an Uppdrag element ends once the XML parser has found it broken (a mismatched end
 * tag, a stray `<`): a parser cannot say where broken XML ends, so the element runs to its
 * first own end tag outside CDATA sections and comments, as the splitter always cut it.
 * The element is then quarantined on its own and reading goes on after it.
 *
 * Fed the text piece by piece from the element's `<`, it reads each character once: only
 * an unfinished token (at most a few characters) is carried to the next piece.
 */
export class BrokenUppdragLocator {
  private state: State = 'start-tag';
  private quote = '';
  private carried = '';
  /** Document offset of the carried text's first character (of the next piece when none is carried). */
  private offset: number;
  private readonly endTag: string;

  /** `name` as written (`Uppdrag`, `u:Uppdrag`); `start` is the document offset of the element's `<`. */
  constructor(name: string, start: number) {
    this.endTag = `</${name}`;
    this.offset = start;
  }

  /** The next piece of text; the document offset just past the element's end tag once it is found. */
  push(piece: string): number | undefined {
    const text = this.carried + piece;
    const base = this.offset;
    const found = this.scan(text);
    if (typeof found === 'number') return base + found;
    this.carried = text.slice(found.carry);
    this.offset = base + found.carry;
    return undefined;
  }

  private scan(text: string): number | { carry: number } {
    let i = this.state === 'start-tag' ? this.startTagEnd(text) : 0;
    while (i < text.length) {
      if (this.state === 'cdata' || this.state === 'comment') {
        const close = this.state === 'cdata' ? ']]>' : '-->';
        const end = text.indexOf(close, i);
        if (end < 0) return { carry: Math.max(i, text.length - close.length + 1) };
        i = end + close.length;
        this.state = 'content';
        continue;
      }
      const lt = text.indexOf('<', i);
      if (lt < 0) return { carry: text.length };
      // Long enough to tell `<![CDATA[` and an end tag from the rest.
      if (text.length - lt < Math.max(9, this.endTag.length + 1)) return { carry: lt };
      if (text.startsWith('<![CDATA[', lt)) {
        this.state = 'cdata';
        i = lt + 9;
      } else if (text.startsWith('<!--', lt)) {
        this.state = 'comment';
        i = lt + 4;
      } else if (text.startsWith(this.endTag, lt)) {
        let j = lt + this.endTag.length;
        while (j < text.length && isSpace(text.charCodeAt(j))) j++;
        if (j === text.length) return { carry: lt };
        if (text[j] === '>') return j + 1;
        i = lt + 1;
      } else {
        i = lt + 1;
      }
    }
    return { carry: text.length };
  }

  /** Past the element's own start tag, quotes respected (its `<` is neither a quote nor a `>`). */
  private startTagEnd(text: string): number {
    for (let p = 0; p < text.length; p++) {
      const c = text[p];
      if (this.quote) {
        if (c === this.quote) this.quote = '';
      } else if (c === '"' || c === "'") this.quote = c;
      else if (c === '>') {
        this.state = 'content';
        return p + 1;
      }
    }
    return text.length;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
