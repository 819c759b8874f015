import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSaneRequestId, newRequestId, runWithRequestId } from '@brygga/queue';

export const REQUEST_ID_HEADER = 'X-Request-Id';

type WithId = IncomingMessage & { id?: unknown };

/**
 * The request's id: the caller's `X-Request-Id` when it is a plain id (`^[A-Za-z0-9._-]{1,64}$`),
 * else a new UUID (an odd one is replaced, never echoed: it could carry anything). Set once on
 * `req.id` and answered in the response header; pino-http's `genReqId` is this same function,
 * so whichever of the two runs first decides and the other reads it.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const withId = req as WithId;
  if (typeof withId.id === 'string') return withId.id;
  const given = req.headers['x-request-id'];
  const id = isSaneRequestId(given) ? given : newRequestId();
  withId.id = id;
  if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * Runs the rest of the request inside its id (libs/queue's request context), so the jobs it
 * queues and the lines it logs carry it. Mounted before every route, whether logs are on or not.
 */
export function requestIdMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  runWithRequestId(requestIdFor(req, res), next);
}
