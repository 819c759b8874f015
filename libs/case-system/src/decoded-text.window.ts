/**
 * The part of a streamed document's decoded text still needed, addressed by document
 * offsets (indexes into the whole decoded text, as the XML parser's positions are): text is
 * appended chunk by chunk and dropped from the front once nothing will be cut from it.
 */
export class DecodedTextWindow {
  private text = '';
  private start = 0;

  /** Document offset just past the last character appended. */
  get end(): number {
    return this.start + this.text.length;
  }

  append(chunk: string): void {
    this.text += chunk;
  }

  slice(from: number, to = this.end): string {
    return this.text.slice(from - this.start, to - this.start);
  }

  /** Document offset of the last `search` that starts before `before`, or -1. */
  lastIndexOf(search: string, before = this.end): number {
    const at = this.text.lastIndexOf(search, before - this.start - 1);
    return at < 0 ? -1 : this.start + at;
  }

  /** Forgets the text before `offset` (nothing if it is already gone). */
  dropBefore(offset: number): void {
    if (offset <= this.start) return;
    this.text = this.text.slice(offset - this.start);
    this.start = offset;
  }
}
