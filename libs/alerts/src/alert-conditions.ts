import { type AlertCondition, type Firing, NO_SUBJECT } from './alert-condition';
import type { AlertInputs } from './alert-inputs.reader';
import type { AlertThresholds } from './alerts.tokens';
import { officeMinutesBetween, rosterDueDate } from './office-hours';

export interface ConditionContext {
  inputs: AlertInputs;
  now: Date;
  thresholds: AlertThresholds;
  feedPolled: boolean;
}

/** One condition: what fires now (subject → detail). Raising and clearing are the evaluator's, the same for all. */
export type ConditionCheck = (ctx: ConditionContext) => Promise<Firing>;

const MINUTE_MS = 60_000;

function minutesBefore(now: Date, minutes: number): Date {
  return new Date(now.getTime() - minutes * MINUTE_MS);
}

function minutesSince(since: Date, now: Date): number {
  return Math.floor((now.getTime() - since.getTime()) / MINUTE_MS);
}

/** Every condition, by name: a map, so adding one is a line here and a name in ALERT_CONDITIONS. */
export const ALERT_CHECKS: Record<AlertCondition, ConditionCheck> = {
  /** Office minutes since the feed last brought something; off when the feed is not polled. */
  'feed-silent': async ({ inputs, now, thresholds, feedPolled }) => {
    if (!feedPolled) return new Map();
    const silentMinutes = officeMinutesBetween(await inputs.feedChangedAt(now), now, thresholds.officeHours);
    return silentMinutes >= thresholds.feedSilentMinutes ? new Map([[NO_SUBJECT, { silentOfficeMinutes: silentMinutes }]]) : new Map();
  },

  /** Each served unit without a roster for the date due (tomorrow from the deadline on, else today). */
  'roster-missing': async ({ inputs, now, thresholds }) => {
    const date = rosterDueDate(now, thresholds.rosterDeadline);
    return new Map((await inputs.unitsWithoutRoster(date)).map((unit) => [unit, { date }]));
  },

  /** Failed jobs and quarantined entries nobody has handled for the threshold, counted together. */
  'unhandled-items': async ({ inputs, now, thresholds }) => {
    const { failedJobs, quarantined } = await inputs.unhandled(minutesBefore(now, thresholds.unhandledMinutes));
    return failedJobs + quarantined > 0 ? new Map([[NO_SUBJECT, { failedJobs, quarantined }]]) : new Map();
  },

  /** Each queue whose oldest waiting job has waited past the threshold (a paused queue too: paused and forgotten is the case to catch). */
  'queue-age': async ({ inputs, now, thresholds }) => {
    const firing: Firing = new Map();
    for (const q of await inputs.waitingQueues()) {
      if (q.oldestSince !== undefined && now.getTime() - q.oldestSince.getTime() >= thresholds.queueAgeMinutes * MINUTE_MS) {
        firing.set(q.queue, { oldestWaitingMinutes: minutesSince(q.oldestSince, now), waiting: q.waiting, paused: q.paused ? 1 : 0 });
      }
    }
    return firing;
  },

  /**
   * Each tenant of the rules failing (5xx, timeouts, network, 401) without an answer for the
   * threshold; silenced while a maintenance window of the tenant is in force (its writes wait).
   */
  'tenant-failing': async ({ inputs, now, thresholds }) => {
    const firing: Firing = new Map();
    for (const { tenant, health, breaker, inMaintenance } of await inputs.tenants(now)) {
      if (inMaintenance || health?.reachability !== 'failing' || health.failingSince === undefined) continue;
      const since = new Date(health.failingSince);
      if (now.getTime() - since.getTime() >= thresholds.tenantFailingMinutes * MINUTE_MS) {
        firing.set(tenant, { failingMinutes: minutesSince(since, now), lastErrorCode: health.lastErrorCode ?? 'unknown', errors: health.errors, breaker });
      }
    }
    return firing;
  },

  /** The last finished reconciliation run found drift: raised with its run id and item count, cleared by a run that finds none. */
  'reconcile-drift': async ({ inputs }) => {
    const last = await inputs.lastReconcile();
    return last && last.items > 0 ? new Map([[NO_SUBJECT, { runId: last.runId, items: last.items }]]) : new Map();
  },
};
