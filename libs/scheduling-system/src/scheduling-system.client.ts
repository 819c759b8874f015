import { VendorPullClient, VendorPullError, VendorWait } from '@brygga/vendor-http';
import { decodeXmlDocument, readXmlDocument, type XmlElement, XmlRefusedError } from '@brygga/xml-intake';

/** The unit list's shape under its root: anything else is refused by the scan, before a parser builds it. */
const UNIT_LIST = [{ depth: 1, names: new Set(['Unit']), refusal: (name: string) => `Units holds an element ${name} that the list does not define` }];

/** 429 or 503: come back after this long (Retry-After, else the caller's default). */
export type SchedulingWait = VendorWait;

export type UnitsResponse = { kind: 'units'; unitIds: string[] } | SchedulingWait;
export type ScheduleResponse = { kind: 'document'; body: Buffer } | { kind: 'unknownUnit' } | SchedulingWait;

/** Unreachable, an unexpected status or an unreadable unit list: retryable. A refused token is `VendorUnauthorizedError` (permanent). */
export class SchedulingSystemError extends VendorPullError {}

/** The scheduling system's pull API (`GET /api/units`, `GET /api/schedules/{unit}?from=&to=`). */
export class SchedulingSystemClient extends VendorPullClient {
  constructor(baseUrl: string, token: string, timeoutMs = 30_000) {
    super({ system: 'scheduling system', baseUrl, token, tokenVariable: 'SCHEDULING_SYSTEM_TOKEN', timeoutMs, maxBytes: 64 * 1024 * 1024, failure: SchedulingSystemError });
  }

  async units(): Promise<UnitsResponse> {
    const answer = await this.get('/api/units', undefined, 'unit list');
    return answer.kind === 'ok' ? { kind: 'units', unitIds: readUnitIds(answer.body) } : answer;
  }

  async schedule(unitId: string, from: string, to: string): Promise<ScheduleResponse> {
    const answer = await this.getUnlessMissing(`/api/schedules/${encodeURIComponent(unitId)}`, { from, to }, `schedule of unit ${unitId}`);
    if (answer.kind === 'missing') return { kind: 'unknownUnit' };
    return answer.kind === 'ok' ? { kind: 'document', body: answer.body } : answer;
  }
}

/** `<Units><Unit id=".." name=".."/>…</Units>` -> the ids, in document order. */
export function readUnitIds(bytes: Buffer): string[] {
  let root: XmlElement;
  try {
    root = readXmlDocument(decodeXmlDocument(bytes), { allowed: UNIT_LIST }).root;
  } catch (error) {
    if (error instanceof XmlRefusedError) throw new SchedulingSystemError(`scheduling system unit list: ${error.reason}`);
    throw error;
  }
  if (root.name !== 'Units') throw new SchedulingSystemError('scheduling system unit list: the root element must be Units');
  return root.children.filter((c) => c.name === 'Unit' && typeof c.attributes.id === 'string' && c.attributes.id !== '').map((c) => c.attributes.id);
}
