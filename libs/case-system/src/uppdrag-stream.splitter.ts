import { createXmlTextDecoder, detectXmlEncoding } from '@brygga/xml-intake';
import { asRejection } from './document-rejected.error';
import type { UppdragStreamItem } from './uppdrag-stream.item';
import { UppdragStreamReader } from './uppdrag-stream.reader';

export type { UppdragStreamItem } from './uppdrag-stream.item';

/** Enough for the XML declaration, which names the encoding. */
const HEAD_BYTES = 1024;

/**
 * Splits an Uppdragsexport byte stream into its Uppdrag elements without ever holding
 * the whole document (exports can reach hundreds of MB): only the element being read
 * is buffered. Whole-document problems (encoding, root, namespace, header, truncation,
 * foreign elements under the root, a DOCTYPE) throw DocumentRejectedError; an element's
 * own problems, including malformed XML inside it, are for `parseUppdragElement` to report.
 */
export async function* splitUppdragStream(input: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<UppdragStreamItem> {
  const chunks = input[Symbol.asyncIterator]();
  try {
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
    const reader = new UppdragStreamReader();

    let text = decode(head, !ended);
    for (;;) {
      yield* reader.write(text);
      reader.throwIfRejected();
      if (reader.done) return;
      if (ended) break;
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        text = decode(new Uint8Array(0), false);
      } else {
        text = decode(toBytes(next.value), true);
      }
    }
    reader.end();
  } finally {
    // Stopped early (the root closed, a rejection, a consumer that broke off): the file is let go.
    await chunks.return?.();
  }
}

function toBytes(chunk: Buffer | Uint8Array | string): Uint8Array {
  if (typeof chunk === 'string') throw new TypeError('splitUppdragStream needs bytes: do not set an encoding on the stream');
  return chunk;
}
