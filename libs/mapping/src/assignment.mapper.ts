import type { Assignment, Decision, Extent, Intervention, Reason, ReasonRule } from '@brygga/domain';
import type { AssignmentPlan, PlannedServiceOrder, PlanningIdSource } from './assignment-plan.types';
import { customerOf } from './customer.mapper';
import type { InterventionRule, MappingRules } from './mapping-rules.types';
import { interventionRule, serviceOrderBody } from './service-order.mapper';

/** The planning tool's limits on a schedule (openapi: visitsPerPeriod 1-31, everyNthWeek 1-4). */
const MAX_VISITS_PER_PERIOD = 31;
const MAX_EVERY_NTH_WEEK = 4;

/**
 * One assignment version -> what the planning tool must hold (pure; `today` is `YYYY-MM-DD`
 * in the rules' time zone).
 *
 * A decision is valid, and its planned interventions become service orders, unless it
 * has already ended (`giltigTom` before `today`); a decision that starts later is sent
 * with its future `validFrom`, so the planner sees it coming. An order runs from the later
 * of `giltigFrom` and the assignment's `startdatum` to `giltigTom`, cut at `slutdatum`
 * when the assignment is `avslutad`; an order left with no day at all is not sent.
 * Anything the rules cannot map (an unknown code, a schedule the planning tool cannot
 * hold) quarantines the whole assignment: half an assignment is never applied.
 */
export function mapAssignment(assignment: Assignment, rules: MappingRules, ids: PlanningIdSource, today: string): AssignmentPlan {
  const provider = rules.providers[assignment.provider.code];
  if (provider === undefined) return { outcome: 'notServed', providerCode: assignment.provider.code };
  const customerId = ids.customerId(assignment.client.identityNumber);
  if (assignment.status === 'makulerad') return { outcome: 'delete', tenant: provider.tenant, customerId };

  const reasons = assignment.decisions.flatMap((d) => d.interventions.flatMap((i) => problemsOf(assignment, d, i, rules)));
  if (reasons.length > 0) return { outcome: 'quarantine', reasons };

  const serviceOrders: PlannedServiceOrder[] = [];
  for (const decision of assignment.decisions) {
    if (decision.validTo !== undefined && decision.validTo < today) continue;
    const validFrom = later(decision.validFrom, assignment.startDate);
    const validTo = assignment.status === 'avslutad' ? earlier(decision.validTo, assignment.endDate) : decision.validTo;
    if (validTo !== undefined && validTo < validFrom) continue;
    for (const intervention of decision.interventions) {
      const rule = interventionRule(intervention.code, rules) as InterventionRule;
      if (!rule.planned) continue;
      serviceOrders.push({
        id: ids.serviceOrderId(assignment.id, intervention.id),
        interventionId: intervention.id,
        body: serviceOrderBody(assignment, decision, intervention, rule, rules, validFrom, validTo),
      });
    }
  }
  return {
    outcome: 'apply',
    tenant: provider.tenant,
    customerId,
    customer: customerOf(assignment, provider, today),
    serviceOrders,
    rulesVersion: rules.version,
  };
}

function problemsOf(assignment: Assignment, decision: Decision, intervention: Intervention, rules: MappingRules): Reason[] {
  const at = `assignment ${assignment.id}, Beslut ${decision.id}, Insats ${intervention.id}`;
  const path = `Uppdrag/Beslut[${decision.id}]/Insats[${intervention.id}]`;
  const rule = interventionRule(intervention.code, rules);
  if (rule === undefined) {
    return [{ code: 'mapping.unknown-intervention-code', path: `${path}/@kod`, text: `${at}: unknown intervention code ${intervention.code} (not in the mapping rules; never guessed)` }];
  }
  if (!rule.planned) return [];
  return scheduleProblems(intervention.extent).map((p) => ({ code: p.code, path: `${path}/Omfattning`, text: `${at}: ${p.text}` }));
}

function scheduleProblems(extent: Extent): ReasonRule[] {
  const problems: ReasonRule[] = [];
  if (extent.kind !== 'asNeeded' && extent.occasions > MAX_VISITS_PER_PERIOD) {
    problems.push({ code: 'mapping.too-many-occasions', text: `${extent.occasions} occasions per period is more than the planning tool accepts (${MAX_VISITS_PER_PERIOD})` });
  }
  if (extent.kind === 'weekly' && extent.intervalWeeks > MAX_EVERY_NTH_WEEK) {
    problems.push({ code: 'mapping.interval-too-long', text: `every ${extent.intervalWeeks} weeks is more than the planning tool accepts (${MAX_EVERY_NTH_WEEK})` });
  }
  return problems;
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
