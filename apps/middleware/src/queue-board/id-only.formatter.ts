import { ALL_JOB_NAMES, type JobName, type JobPayloads } from '@brygga/queue';

/**
 * The fields of each job's data the queue dashboard may show: ids, versions, dates and
 * flags. Typed against the payloads, so a field renamed or removed there breaks the build
 * here; a field added there is not shown until it is listed here (a whitelist: what is
 * not named is dropped).
 */
const SHOWN_DATA_FIELDS: { readonly [K in JobName]: readonly (keyof JobPayloads[K])[] } = {
  'case-file.import': ['v', 'fileName', 'rid'],
  'assignment.apply': ['v', 'assignmentId', 'version', 'documentId', 'reapply', 'acceptedAt', 'rid'],
  'case-feed.poll': ['v', 'rid'],
  'assignments.end-expired': ['v', 'date', 'rid'],
  'schedule-document.apply': ['v', 'documentId', 'acceptedAt', 'rid'],
  'schedule.poll': ['v', 'rid'],
  'staff-skills.reevaluate': ['v', 'date', 'rid'],
  'rules.replay': ['v', 'runId', 'rid'],
  'reconcile.run': ['v', 'runId', 'rid'],
  'reconcile.repair': ['v', 'runId', 'attempt', 'rid'],
  'reconcile.nightly': ['v', 'rid'],
};

/**
 * What a handler's return value may show: how it ended and under which rules and tenant.
 * Not its customer ids (with the tenant they would place a protected client) nor its
 * lists of order ids: counts of those are enough on a dashboard.
 */
const SHOWN_RESULT_FIELDS: ReadonlySet<string> = new Set(['outcome', 'rulesVersion', 'tenant']);

// bull-board hands a formatter the data alone, not the job's name: the union of every job's fields is shown.
const DATA_FIELDS: ReadonlySet<string> = new Set(Object.values<readonly PropertyKey[]>(SHOWN_DATA_FIELDS).flat().map(String));
const JOB_NAMES: ReadonlySet<string> = new Set(ALL_JOB_NAMES);
// An id is short and plain; a longer or odder string is not shown even under a shown field's name.
const SHOWN_STRING = /^[A-Za-z0-9._:/@#+-]{1,200}$/;
const DROPPED = '(not shown)';

/** A job's data, down to its id fields with plain values. */
export function idOnlyData(data: unknown): Record<string, string | number | boolean> {
  return pick(data, DATA_FIELDS);
}

/** A job's return value, down to its outcome codes, with any list only counted. */
export function idOnlyReturnValue(value: unknown): Record<string, string | number | boolean> | undefined {
  if (value === undefined || value === null) return undefined;
  const shown = pick(value, SHOWN_RESULT_FIELDS);
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (Array.isArray(v) && /^[A-Za-z]{1,64}$/.test(key)) shown[`${key}Count`] = v.length;
  }
  return shown;
}

/** A job's name when it is one of Brygga's; anything else (a job someone added by hand) is not echoed. */
export function idOnlyName(job: unknown): string {
  const name = typeof job === 'object' && job !== null ? (job as { name?: unknown }).name : undefined;
  return typeof name === 'string' && JOB_NAMES.has(name) ? name : DROPPED;
}

/** Progress is a number or nothing: an object could carry anything a handler put in it. */
export function idOnlyProgress(progress: unknown): number | undefined {
  return typeof progress === 'number' && Number.isFinite(progress) ? progress : undefined;
}

function pick(value: unknown, fields: ReadonlySet<string>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!fields.has(key)) continue;
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
    else if (typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'string') out[key] = SHOWN_STRING.test(v) ? v : DROPPED;
  }
  return out;
}
