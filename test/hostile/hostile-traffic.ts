import type { AxiosInstance } from 'axios';
import { createPlanningIds } from '@brygga/planning-tool';
import { DEMO_TOKENS } from '../support/simulator-stack';
import { CASE_PUSH_CASES, GOOD_IDENTITY, goodDocument, HostileCase, SCHEDULE_PUSH_CASES } from './hostile-documents';

/** What the hostile test and the barrage bench send to: a middleware and the planning simulator it writes to. */
export interface PushTarget {
  http: AxiosInstance;
  middleware: string;
  planningTool: string;
}

export type PushSystem = 'case-system' | 'scheduling-system';

const PUSH_TOKENS: Readonly<Record<PushSystem, string>> = { 'case-system': DEMO_TOKENS.caseInbound, 'scheduling-system': DEMO_TOKENS.scheduleInbound };

/** Every hostile push case, with the system it is sent to, in barrage order. */
export const HOSTILE_PUSHES: ReadonlyArray<[PushSystem, HostileCase]> = [
  ...CASE_PUSH_CASES.map((c): [PushSystem, HostileCase] => ['case-system', c]),
  ...SCHEDULE_PUSH_CASES.map((c): [PushSystem, HostileCase] => ['scheduling-system', c]),
];

/** A correct token and `application/xml`, then the case's own headers on top (`null` removes one). */
export function pushHeaders(system: PushSystem, c: HostileCase): Record<string, string> {
  const headers: Record<string, string> = { Authorization: `Bearer ${PUSH_TOKENS[system]}`, 'Content-Type': 'application/xml' };
  for (const [k, v] of Object.entries(c.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return headers;
}

export function pushUrl(target: PushTarget, system: PushSystem, c: HostileCase): string {
  return `${target.middleware}/inbound/${system}${c.query ?? ''}`;
}

/** The barrage sender's requests: every hostile push, bodies built now. */
export function barrageRequests(target: PushTarget): Array<{ name: string; url: string; headers: Record<string, string>; body: Buffer }> {
  return HOSTILE_PUSHES.map(([system, c]) => ({ name: c.name, url: pushUrl(target, system, c), headers: pushHeaders(system, c), body: c.body() }));
}

/**
 * Milliseconds from pushing test person n's good document until its customer is readable
 * through the contract's own GET, asked every 5 ms: light enough not to blur the figure.
 */
export async function timeGoodPush(target: PushTarget, customerIdKey: string, id: string, n: number, timeoutMs: number): Promise<number> {
  const started = process.hrtime.bigint();
  const good: HostileCase = { name: id, body: () => goodDocument(id, n), status: 202 };
  const response = await target.http.post(pushUrl(target, 'case-system', good), good.body(), { headers: pushHeaders('case-system', good), validateStatus: () => true });
  if (response.status !== 202) throw new Error(`good document ${id}: expected 202, got ${response.status}`);
  const url = `${target.planningTool}/kommunen/api/v1/customers/${createPlanningIds(customerIdKey).customerId(GOOD_IDENTITY(n))}`;
  const deadline = Date.now() + timeoutMs;
  while ((await target.http.get(url, { headers: { Authorization: `Bearer ${DEMO_TOKENS.kommunen}` }, validateStatus: () => true })).status !== 200) {
    if (Date.now() > deadline) throw new Error(`good document ${id} not applied within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}
