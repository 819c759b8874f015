import type { PerformedVisit } from './performed-visit.types';
import type { TenantState } from './planning-tool.store';
import { invalid, type ApiResult } from './problem';
import { generateVisits } from './visit.generator';

const DEFAULT_LIMIT = 500;

/** The cursor is opaque to clients; inside it is the number of visits already read. */
export function encodeCursor(read: number): string {
  return Buffer.from(`pv:${read}`).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  const m = /^pv:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/**
 * `GET /performed-visits`: the visits in the order they were reported. Query
 * parameters have already passed the contract's schemas. A cursor beyond the end (the
 * simulator was reset since) gives an empty page and the same cursor back.
 */
export function performedVisitsPage(tenant: TenantState, query: Record<string, unknown>): ApiResult {
  let read = 0;
  if (typeof query.after === 'string') {
    const decoded = decodeCursor(query.after);
    if (decoded === undefined) return invalid([{ field: 'after', message: 'is not a cursor this API issued' }]);
    read = decoded;
  }
  const limit = typeof query.limit === 'string' ? Number(query.limit) : DEFAULT_LIMIT;
  const visits = tenant.visits.slice(read, read + limit);
  return { status: 200, body: { visits, cursor: encodeCursor(read + visits.length) } };
}

/** Appends visits not reported before (by visitId); returns how many were new. */
export function reportVisits(tenant: TenantState, visits: PerformedVisit[]): number {
  let added = 0;
  for (const visit of visits) {
    if (tenant.visitIds.has(visit.visitId)) continue;
    tenant.visitIds.add(visit.visitId);
    tenant.visits.push(visit);
    added++;
  }
  return added;
}

/** Generates one day's visits from the planned service orders and reports the new ones. */
export function reportGeneratedVisits(tenant: TenantState, date: string): number {
  return reportVisits(tenant, generateVisits(tenant, date));
}
