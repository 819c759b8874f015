import { Inject, Injectable, Logger } from '@nestjs/common';
import { ALERT_CONDITIONS, type AlertEvent } from './alert-condition';
import { ALERT_CHECKS } from './alert-conditions';
import { AlertInputs } from './alert-inputs.reader';
import { AlertStateStore } from './alert-state.store';
import { ALERT_CLOCK, type AlertClock, ALERTS_OPTIONS, type AlertsOptions } from './alerts.tokens';

/**
 * Evaluates every condition against the shared state and makes the transitions: a subject
 * firing and not active is raised, an active one no longer firing is cleared. Any number
 * of processes may evaluate at once: the store's transition is atomic, so each start and
 * each end is one event.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger('Alerts');

  constructor(
    private readonly inputs: AlertInputs,
    private readonly store: AlertStateStore,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    @Inject(ALERT_CLOCK) private readonly clock: AlertClock,
  ) {}

  /** The events this evaluation made. A condition that could not be read leaves its alerts as they are; the first such error is thrown once the others are done. */
  async evaluate(): Promise<AlertEvent[]> {
    const now = this.clock();
    const active = await this.store.active();
    const events: AlertEvent[] = [];
    const errors: Error[] = [];
    const ctx = { inputs: this.inputs, now, thresholds: this.options.thresholds, feedPolled: this.options.feedPolled };
    const transition = { retentionDays: this.options.retentionDays, outbox: this.options.webhook !== undefined };
    for (const condition of ALERT_CONDITIONS) {
      let firing;
      try {
        firing = await ALERT_CHECKS[condition](ctx);
      } catch (error) {
        errors.push(error as Error);
        continue;
      }
      const activeHere = new Map(active.filter((a) => a.condition === condition).map((a) => [a.subject ?? '', a]));
      for (const [subject, detail] of firing) {
        if (!activeHere.has(subject)) events.push(...defined(await this.store.transition({ condition, subject, state: 'raised', at: now, detail }, transition)));
      }
      for (const [subject, raised] of activeHere) {
        if (!firing.has(subject)) events.push(...defined(await this.store.transition({ condition, subject, state: 'cleared', at: now, detail: { activeMinutes: Math.floor((now.getTime() - Date.parse(raised.since)) / 60_000) } }, transition)));
      }
    }
    for (const e of events) this.logger.warn(`alert ${e.state}: ${e.condition}${e.subject ? ` ${e.subject}` : ''} ${JSON.stringify(e.detail)} (event ${e.id})`);
    if (errors.length > 0) throw new Error(`alerts: ${errors.length} condition(s) could not be evaluated: ${errors[0].message}`, { cause: errors[0] });
    return events;
  }
}

function defined<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
