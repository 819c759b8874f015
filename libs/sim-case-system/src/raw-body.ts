import type { Request } from 'express';
import { PayloadTooLargeException } from '@nestjs/common';

/** The request body as bytes: XML must be decoded by its own declaration, not by a body parser. */
export async function readRawBody(req: Request, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limitBytes) throw new PayloadTooLargeException(`body larger than ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
