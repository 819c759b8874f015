import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export class InboundHttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** Constant-time bearer check, so the token cannot be guessed byte by byte. */
export function assertBearer(req: Request, expected: string): void {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const want = Buffer.from(expected);
  if (given.length !== want.length || !timingSafeEqual(given, want)) throw new InboundHttpError(401, 'Unauthorized', 'missing or wrong bearer token');
}

const XML_TYPES = new Set(['application/xml', 'text/xml']);

export function assertXmlContentType(req: Request): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!XML_TYPES.has(type)) throw new InboundHttpError(415, 'Unsupported Media Type', 'send application/xml or text/xml');
}

/** Reads the body as bytes, refusing it as soon as it passes the limit (never buffering more). */
export async function readRawBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new InboundHttpError(413, 'Payload Too Large', `the limit is ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      req.resume();
      throw new InboundHttpError(413, 'Payload Too Large', `the limit is ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  if (total === 0) throw new InboundHttpError(400, 'Bad Request', 'empty body');
  return Buffer.concat(chunks, total);
}

export function sendProblem(res: Response, error: InboundHttpError): void {
  res.status(error.status).type('application/problem+json').json({ title: error.title, status: error.status, ...(error.detail && { detail: error.detail }) });
}
