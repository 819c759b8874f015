import type { Assignment, Decision, Extent, Intervention, PlanningServiceOrder, PlanningWeekday, Weekday } from '@brygga/domain';
import type { InterventionRule, MappingRules } from './mapping-rules.types';
import { delegationSkill } from './staff-skills.mapper';
import { visitSlot } from './visit-window.mapper';

const WEEKDAY_CODES: Record<Weekday, PlanningWeekday> = { må: 'MO', ti: 'TU', on: 'WE', to: 'TH', fr: 'FR', lö: 'SA', sö: 'SU' };

type Schedule = PlanningServiceOrder['schedule'];

const SCHEDULES: { [K in Extent['kind']]: (extent: Extract<Extent, { kind: K }>) => Schedule } = {
  daily: (e) => ({ kind: 'DAILY', visitsPerPeriod: e.occasions }),
  weekly: (e) => ({
    kind: 'WEEKLY',
    visitsPerPeriod: e.occasions,
    everyNthWeek: e.intervalWeeks,
    ...(e.weekdays && { weekdays: e.weekdays.map((d) => WEEKDAY_CODES[d]) }),
  }),
  monthly: (e) => ({ kind: 'MONTHLY', visitsPerPeriod: e.occasions }),
  asNeeded: () => ({ kind: 'ON_DEMAND' }),
};

/** The rule of an intervention code, following a retired code to its successor. */
export function interventionRule(code: string, rules: Pick<MappingRules, 'interventions' | 'retiredCodes'>): InterventionRule | undefined {
  return rules.interventions[rules.retiredCodes[code] ?? code];
}

function schedule(extent: Extent, rules: MappingRules): Schedule {
  const base = (SCHEDULES[extent.kind] as (e: Extent) => Schedule)(extent);
  if (extent.times.length === 0) return base;
  return { ...base, visits: extent.times.map((t) => visitSlot(t, rules)) };
}

/**
 * Schablon wins; else the code's standard time, or its time-of-day exception when every
 * Tidpunkt of the intervention falls in a time of day that has one (a service order has
 * one minutesPerVisit, so a mix of times falls back to the standard).
 */
function minutesPerVisit(intervention: Intervention, rule: InterventionRule): number {
  if (intervention.standardMinutes !== undefined) return intervention.standardMinutes;
  const exceptions = intervention.extent.times.map((t) => rule.standardMinutesByTimeOfDay?.[t.name]);
  const [first] = exceptions;
  if (first !== undefined && exceptions.every((m) => m === first)) return first;
  return rule.standardMinutes as number;
}

function requiredSkills(intervention: Intervention, rule: InterventionRule, prefix: string): string[] {
  const skills = new Set(rule.requiredSkills ?? []);
  if (intervention.delegation) skills.add(delegationSkill(intervention.delegation, prefix));
  return [...skills].sort();
}

/** One planned intervention of a decision -> its service order body (the rule is known and planned). */
export function serviceOrderBody(
  assignment: Assignment,
  decision: Decision,
  intervention: Intervention,
  rule: InterventionRule,
  rules: MappingRules,
  validFrom: string,
  validTo: string | undefined,
): PlanningServiceOrder {
  return {
    activityCode: rule.activityCode as string,
    title: rule.title as string,
    minutesPerVisit: minutesPerVisit(intervention, rule),
    staffPerVisit: intervention.doubleStaffing ? 2 : 1,
    requiredSkills: requiredSkills(intervention, rule, rules.delegationSkillPrefix),
    schedule: schedule(intervention.extent, rules),
    validFrom,
    ...(validTo !== undefined && { validTo }),
    ...(intervention.goal !== undefined && { goal: intervention.goal }),
    ...(intervention.note !== undefined && { note: intervention.note }),
    source: {
      system: assignment.sourceSystem,
      assignmentId: assignment.id,
      assignmentVersion: assignment.version,
      decisionId: decision.id,
      interventionId: intervention.id,
      // As received (a retired HYG stays HYG), so the origin can be traced.
      interventionCode: intervention.code,
    },
  };
}
