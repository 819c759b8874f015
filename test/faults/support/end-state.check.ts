import { loadMappingRules } from '@brygga/config';
import type { PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { mapSchedule, mergeStaffDay } from '@brygga/mapping';
import { parseScheduleExport } from '@brygga/scheduling-system';
import { checkPlanningMatchesCaseSystem } from '../../../apps/demo/src/planning-consistency.check';
import { DEMO_TOKENS } from '../../support/simulator-stack';
import { goldenStaffView } from '../../support/staff-state';
import { type FaultStack, http, jobCounts } from './fault-stack';
import { eventually } from '@brygga/testing';

export const rules = loadMappingRules('config/mapping-rules.yaml');
export const stockholmToday = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** A unit's published period: the oracle asks the scheduling system for the same dates. */
export interface RosterPeriod {
  from: string;
  to: string;
  units: string[];
}

export interface EndState {
  assignments: number;
  customers: number;
  serviceOrders: number;
  staff: number;
  staffDays: number;
  quarantinedAssignments: number;
  /** Ids and what differs only (never a value: the generated people are fake, but the rule is the rule). */
  differences: string[];
}

type StaffView = Record<string, { staff: PlanningStaff; days: Record<string, PlanningStaffDay> }>;

/**
 * What the planning tool must hold for the staff: each unit's latest export for the period,
 * mapped by the same pure mapping the flow uses, each employee's days merged across the
 * units that scheduled them (scheduling-system README). Computed from the scheduling
 * simulator's exports at once, independent of the order the middleware applied them in.
 */
async function expectedStaff(stack: FaultStack, period: RosterPeriod, today: string): Promise<Map<string, StaffView>> {
  const byTenant = new Map<string, Map<string, { staff: PlanningStaff; parts: Map<string, PlanningStaffDay[]> }>>();
  for (const unit of period.units) {
    const res = await http.get(`${stack.schedulingSystem}/api/schedules/${encodeURIComponent(unit)}`, {
      params: { from: period.from, to: period.to },
      headers: { Authorization: `Bearer ${DEMO_TOKENS.scheduleApi}` },
      responseType: 'arraybuffer',
    });
    if (res.status !== 200) throw new Error(`the scheduling simulator answered ${res.status} for unit ${unit}`);
    const plan = mapSchedule(parseScheduleExport(Buffer.from(res.data as ArrayBuffer)), rules, today);
    if (plan.outcome !== 'apply') continue;
    const tenant = byTenant.get(plan.tenant) ?? new Map();
    byTenant.set(plan.tenant, tenant);
    for (const s of plan.staff) {
      const entry = tenant.get(s.staffId) ?? { staff: s.staff, parts: new Map<string, PlanningStaffDay[]>() };
      tenant.set(s.staffId, entry);
      for (const [date, day] of Object.entries(s.days)) entry.parts.set(date, [...(entry.parts.get(date) ?? []), day]);
    }
  }
  return new Map(
    [...byTenant].map(([tenant, staff]) => [
      tenant,
      Object.fromEntries([...staff].map(([id, { staff: record, parts }]) => [id, { staff: record, days: Object.fromEntries([...parts].map(([d, p]) => [d, mergeStaffDay(p)])) }])),
    ]),
  );
}

async function actualStaff(stack: FaultStack, tenant: string): Promise<StaffView> {
  const { data } = await http.get(`${stack.planningTool}/_sim/${tenant}/state`);
  const staff = data.staff as Array<PlanningStaff & { id: string; days: Record<string, PlanningStaffDay> }>;
  return Object.fromEntries(staff.map(({ id, days, ...record }) => [id, { staff: record, days }]));
}

/** A day's counts only (shift and absence times are no one's personal data, but counts say enough). */
function dayShape(day: unknown): string {
  const d = day as Partial<PlanningStaffDay> | undefined;
  return d ? `${d.shifts?.length ?? 0} shifts, ${d.absences?.length ?? 0} absences` : 'no day';
}

function staffDifferences(tenant: string, expected: StaffView, actual: StaffView): string[] {
  const want = goldenStaffView(expected) as Record<string, { staff: unknown; days: Record<string, unknown> }>;
  const have = goldenStaffView(actual) as Record<string, { staff: unknown; days: Record<string, unknown> }>;
  const out: string[] = [];
  for (const id of new Set([...Object.keys(want), ...Object.keys(have)])) {
    if (!have[id]) out.push(`${tenant} staff ${id}: missing`);
    else if (!want[id]) out.push(`${tenant} staff ${id}: left over`);
    else {
      if (JSON.stringify(want[id].staff) !== JSON.stringify(have[id].staff)) out.push(`${tenant} staff ${id}: record differs`);
      for (const date of new Set([...Object.keys(want[id].days), ...Object.keys(have[id].days)])) {
        if (JSON.stringify(want[id].days[date]) !== JSON.stringify(have[id].days[date])) out.push(`${tenant} staff ${id} day ${date}: differs (${dayShape(want[id].days[date])} wanted, ${dayShape(have[id].days[date])} held)`);
      }
    }
  }
  return out;
}

/** The planning simulator's whole state against what the case and scheduling simulators say, exactly. */
export async function compareEndState(stack: FaultStack, period: RosterPeriod | undefined): Promise<EndState> {
  const today = stockholmToday();
  const report = await checkPlanningMatchesCaseSystem(stack, DEMO_TOKENS.caseFeed, rules, today);
  const differences = report.differences.map((d) => `${d.tenant} ${d.ref}: ${d.what}`);
  let staff = 0;
  let staffDays = 0;
  if (period) {
    const expected = await expectedStaff(stack, period, today);
    for (const tenant of Object.keys(rules.tenants)) {
      const want = expected.get(tenant) ?? {};
      staff += Object.keys(want).length;
      staffDays += Object.values(want).reduce((n, s) => n + Object.values(s.days).filter((d) => d.shifts.length + d.absences.length > 0).length, 0);
      differences.push(...staffDifferences(tenant, want, await actualStaff(stack, tenant)));
    }
  }
  return { assignments: report.assignments, customers: report.customers, serviceOrders: report.serviceOrders, staff, staffDays, quarantinedAssignments: report.quarantined, differences };
}

/**
 * Waits for the queues to be idle and the state to match (the feed may still hold a change
 * the poller has not pulled), then answers the comparison; on timeout, the last differences.
 */
export async function settledEndState(stack: FaultStack, period: RosterPeriod | undefined, timeoutMs = 240_000): Promise<EndState & { failedJobs: number }> {
  let last: EndState | undefined;
  const started = Date.now();
  let toldAt = started;
  try {
    return await eventually(
      async () => {
        const jobs = await jobCounts(stack.redisUrl, stack.prefix);
        // A slow settle says what it waits for (the queues, then the differences) in the test's output.
        if (Date.now() - toldAt >= 30_000) {
          toldAt = Date.now();
          console.log(`[faults] settling for ${Math.round((toldAt - started) / 1000)} s: ${jobs.detail}; ${last ? `${last.differences.length} differences` : 'not compared yet'}`);
        }
        if (jobs.busy > 0) return undefined;
        last = await compareEndState(stack, period);
        return last.differences.length === 0 ? { ...last, failedJobs: jobs.failed } : undefined;
      },
      'the planning tool to match the case and scheduling systems',
      timeoutMs,
      // The queue counts are cheap; the comparison (the whole feed, every export) runs only once they are idle.
      500,
    );
  } catch (error) {
    if (!last) throw error;
    throw new Error(`${(error as Error).message}; ${last.differences.length} differences, first: ${last.differences.slice(0, 15).join('; ')}`);
  }
}
