import type { MaintenanceWindowRule } from './planning-tenant';

/** Letters of any language, digits, spaces and a little punctuation: a short reason, not a note (the discard reason's rule). */
export const MAINTENANCE_REASON = /^[\p{L}\p{N}][\p{L}\p{N} ._:/#@,()'-]{0,199}$/u;
export const MAINTENANCE_REASON_RULE = "1 to 200 letters, digits, spaces and . _ : / # @ , ( ) ' -, starting with a letter or digit";
/** An ISO 8601 time with its offset: a window's end must not depend on the server's zone. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A longer window is more likely a typo (a year) than maintenance; writes would wait that long. */
export const MAINTENANCE_MAX_DAYS = 7;

/** What is wrong with a window, each as `field: problem` (empty when it is usable); never quotes the reason. */
export function maintenanceWindowProblems(window: Partial<Record<keyof MaintenanceWindowRule, unknown>>): string[] {
  const problems: string[] = [];
  const time = (field: 'from' | 'until'): number | undefined => {
    const value = window[field];
    if (value === undefined) return void problems.push(`${field}: is required`);
    const at = typeof value === 'string' && ISO_WITH_OFFSET.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) return void problems.push(`${field}: must be an ISO 8601 time with an offset (2026-12-01T22:00:00+01:00)`);
    return at;
  };
  const from = time('from');
  const until = time('until');
  if (from !== undefined && until !== undefined) {
    if (until <= from) problems.push('until: must be after from');
    else if (until - from > MAINTENANCE_MAX_DAYS * 24 * 3600_000) problems.push(`until: at most ${MAINTENANCE_MAX_DAYS} days after from`);
  }
  if (window.reason === undefined) problems.push('reason: is required');
  else if (typeof window.reason !== 'string' || !MAINTENANCE_REASON.test(window.reason)) problems.push(`reason: must be ${MAINTENANCE_REASON_RULE}`);
  return problems;
}
