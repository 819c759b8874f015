import type { Request } from 'express';
import { invalid, type ApiResult } from './problem';

export interface BodyRead {
  body?: unknown;
  error?: ApiResult;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body of a request whose bytes the raw parser has already read (and capped
 * at 1 MiB). Parse errors are reported without the parser's message, which quotes
 * the body and could carry personal data.
 */
export function readJsonBody(req: Request): BodyRead {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return {};
  const [mediaType, ...params] = (req.headers['content-type'] ?? '').split(';').map((s) => s.trim().toLowerCase());
  if (mediaType !== 'application/json') {
    return { error: invalid([{ field: 'Content-Type', message: 'must be application/json' }], 'the body must be JSON') };
  }
  const charset = params.find((p) => p.startsWith('charset='));
  if (charset && charset.replace(/^charset=/, '').replace(/"/g, '') !== 'utf-8') {
    return { error: invalid([{ field: 'Content-Type', message: 'charset must be utf-8' }], 'the body must be UTF-8 JSON') };
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { error: invalid([{ field: 'body', message: 'is not valid UTF-8' }], 'the body must be UTF-8 JSON') };
  }
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { error: invalid([{ field: 'body', message: 'is not valid JSON' }], 'the body must be JSON') };
  }
}
