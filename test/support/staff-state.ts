import type { Harness } from './e2e-harness';
import { normalise } from './planning-state';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Date-times as instants, empty days dropped (expected/README.md: an empty day equals a day never sent). */
function comparable(value: unknown): unknown {
  if (typeof value === 'string' && DATE_TIME.test(value)) return new Date(value).toISOString();
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = comparable(v);
      if (k === 'days' && c && typeof c === 'object') {
        out[k] = Object.fromEntries(Object.entries(c).filter(([, day]) => day && Object.keys(day).length > 0));
      } else out[k] = c;
    }
    return out;
  }
  return value;
}

export interface SimStaff {
  id: string;
  days: Record<string, { shifts: Array<{ start: string; end: string; teamId?: string; breaks: Array<{ start: string; end: string }> }>; absences: Array<{ start: string; end: string }> }>;
  skills: string[];
  [k: string]: unknown;
}

export async function simStaff(h: Harness, tenant: string): Promise<Record<string, SimStaff>> {
  const { data } = await h.http.get(`${h.planningTool}/_sim/${tenant}/state`);
  return Object.fromEntries((data.staff as SimStaff[]).map((s) => [s.id, s]));
}

/** The tenant's staff keyed like the golden files: `{ staff, days }` per staff id. */
export async function staffView(h: Harness, tenant: string): Promise<unknown> {
  const staff = await simStaff(h, tenant);
  const view = Object.fromEntries(Object.values(staff).map(({ id: _id, days, ...record }) => [_id, { staff: record, days }]));
  return comparable(normalise(view));
}

export function goldenStaffView(staff: unknown): unknown {
  return comparable(normalise(staff));
}

export async function requestCounts(h: Harness, tenant: string): Promise<Record<string, number>> {
  const { data } = await h.http.get(`${h.planningTool}/_sim/${tenant}/requests`);
  return data.byKind as Record<string, number>;
}
