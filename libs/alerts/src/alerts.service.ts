import { Inject, Injectable } from '@nestjs/common';
import type { ActiveAlert, AlertEvent } from './alert-condition';
import { AlertOutboxStore } from './alert-outbox.store';
import { AlertStateStore } from './alert-state.store';
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts.tokens';

export interface AlertsOverview {
  active: ActiveAlert[];
  /** The newest events first (raises and clears), within the journal's retention. */
  recent: AlertEvent[];
  evaluateSeconds: number;
  /** Whether ALERT_WEBHOOK_URL is set, and how many events still wait to be posted. */
  webhook: { configured: boolean; pending: number };
}

/** What the admin API and the operations page show of the alerts. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly store: AlertStateStore,
    private readonly outbox: AlertOutboxStore,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
  ) {}

  async overview(recent = 50): Promise<AlertsOverview> {
    const [active, events, pending] = await Promise.all([this.store.active(), this.store.recent(recent), this.outbox.pending()]);
    return { active, recent: events, evaluateSeconds: this.options.evaluateSeconds, webhook: { configured: this.options.webhook !== undefined, pending } };
  }
}
