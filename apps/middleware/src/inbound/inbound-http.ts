import type { Request, Response } from 'express';
import { bearerTokenMatches } from '@brygga/config';
import { problemOf, sendProblem } from '../http/problem-json.filter';
import type { PushParse } from './push-parsers';

export class InboundHttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

export function assertBearer(req: Request, expected: string): void {
  if (!bearerTokenMatches(req.headers.authorization, expected)) throw new InboundHttpError(401, 'Unauthorized', 'missing or wrong bearer token');
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

function sendInboundProblem(res: Response, error: InboundHttpError): void {
  sendProblem(res, problemOf(error.status, error.detail));
}

export interface XmlPush<T> {
  /** For log lines: which system pushed. */
  system: string;
  token: string;
  maxBytes: number;
  parse: (bytes: Buffer) => Promise<PushParse<T>>;
  /** Stores the raw document durably and queues its processing; returns its id. */
  store: (bytes: Buffer, parsed: T) => Promise<string>;
  logger: { log(message: string): void; warn(message: string): void; error(message: string): void };
  /** Told every answer's status, for the metrics. */
  answered?: (status: number) => void;
}

/**
 * A vendor's push: 202 only once the raw document is stored; 4xx tells the sender to fix
 * the request, 503 to retry it. The sender retries on anything but 202, so 503 means one
 * thing only: storing failed. Messages carry sizes and ids, never the content.
 */
export async function acceptXmlPush<T>(req: Request, res: Response, push: XmlPush<T>): Promise<void> {
  res.once('finish', () => push.answered?.(res.statusCode));
  let parsed: { bytes: Buffer; parsed: T };
  try {
    parsed = await readAndParse(req, push);
  } catch (error) {
    if (error instanceof InboundHttpError) {
      if (error.status === 400) push.logger.warn(`${push.system} document refused: ${error.detail ?? error.title}`);
      return sendInboundProblem(res, error);
    }
    // Not a refusal the parser knows: a bug met by this document, or a body that broke
    // off mid-read. Resending the same bytes would fail the same way, so it is a 400 all
    // the same, in words, and an error in the log for operations to find the bug.
    const kind = error instanceof Error ? error.name : typeof error;
    push.logger.error(`${push.system} document could not be read (${kind}): ${error instanceof Error ? firstFrame(error) : ''}`);
    return sendInboundProblem(res, new InboundHttpError(400, 'Bad Request', `the document could not be read (${kind} while parsing it); do not resend it unchanged, operations have been told`));
  }
  try {
    const documentId = await push.store(parsed.bytes, parsed.parsed);
    push.logger.log(`${push.system} document ${documentId} accepted (${parsed.bytes.length} bytes)`);
    res.status(202).json({ documentId });
  } catch (error) {
    push.logger.error(`${push.system} document not stored: ${(error as Error).message}`);
    sendInboundProblem(res, new InboundHttpError(503, 'Service Unavailable', 'the document could not be stored; retry'));
  }
}

async function readAndParse<T>(req: Request, push: XmlPush<T>): Promise<{ bytes: Buffer; parsed: T }> {
  assertBearer(req, push.token);
  assertXmlContentType(req);
  const bytes = await readRawBody(req, push.maxBytes);
  const disagreement = charsetDisagreement(req, bytes);
  if (disagreement) throw new InboundHttpError(400, 'Bad Request', disagreement);
  const result = await push.parse(bytes);
  if (!result.ok) throw new InboundHttpError(400, 'Bad Request', result.rejection);
  return { bytes, parsed: result.parsed };
}

/** Where a bug was met, without the message (a parser's message may quote the document). */
function firstFrame(error: Error): string {
  return (error.stack ?? '').split('\n').find((line) => line.trim().startsWith('at ')) ?? '';
}

const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', utf8: 'UTF-8', 'iso-8859-1': 'ISO-8859-1', latin1: 'ISO-8859-1', 'iso_8859-1': 'ISO-8859-1', l1: 'ISO-8859-1' };

/**
 * The contracts promise that a Content-Type charset agrees with the XML declaration;
 * when they disagree, which one is right cannot be known, so the document is refused.
 */
function charsetDisagreement(req: Request, bytes: Buffer): string | undefined {
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (!charset) return undefined;
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*encoding=["']([^"']+)["']/.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  const [sent, inDocument] = [ENCODING_NAMES[charset] ?? charset, ENCODING_NAMES[declared] ?? declared];
  return sent === inDocument ? undefined : `Content-Type charset ${sent} disagrees with the document's declared encoding ${inDocument}`;
}
