import type { IncomingMessage, ServerResponse } from 'node:http';

/** One answer of the planning simulator's tenant API about to go out: the write it answers is already applied. */
export interface PlanningAnswer {
  tenant: string;
  method: string;
  /** The path below the tenant: `/api/v1/batch`, `/api/v1/staff/E1/days/2026-11-23`. */
  path: string;
  /** The request's body as the simulator read it (its raw parser keeps it on the request). */
  requestBody?: Buffer;
  status: number;
  body: Buffer;
}

/**
 * Sees an answer before it goes out. Undefined: sent as it is. A promise: the answer waits
 * until it settles (the write stays applied, the sender waits, as when the planning tool is
 * slow to answer), then goes out as it was, or with the body it resolved to (same status).
 */
export type PlanningAnswerHook = (answer: PlanningAnswer) => Promise<Buffer | undefined> | undefined;

type End = (chunk?: unknown, ...rest: unknown[]) => ServerResponse;

/** Puts `hook` between the simulator and the wire for this one response (the simulator answers through `res.end`). */
export function hookPlanningAnswer(req: IncomingMessage, res: ServerResponse, tenant: string, hook: PlanningAnswerHook): void {
  const end = res.end.bind(res) as End;
  const hooked: End = (chunk, ...rest) => {
    const body = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.alloc(0);
    const requestBody = (req as IncomingMessage & { body?: unknown }).body;
    const path = (req.url ?? '').slice(tenant.length + 1);
    const held = hook({ tenant, method: req.method ?? '', path, requestBody: Buffer.isBuffer(requestBody) ? requestBody : undefined, status: res.statusCode, body });
    if (!held) return end(chunk, ...rest);
    void held.then(
      (replacement) => {
        if (replacement === undefined) return end(chunk, ...rest);
        if (!res.headersSent) res.setHeader('Content-Length', replacement.length);
        return end(replacement);
      },
      () => end(chunk, ...rest),
    );
    return res;
  };
  res.end = hooked as ServerResponse['end'];
}
