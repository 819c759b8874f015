import { Inject, Injectable, Logger } from '@nestjs/common';
import { jitteredBackoff } from '@brygga/queue';
import type { AlertEvent } from './alert-condition';
import { AlertOutboxStore } from './alert-outbox.store';
import { AlertStateStore } from './alert-state.store';
import { ALERT_CLOCK, type AlertClock, ALERTS_OPTIONS, type AlertsOptions, type AlertWebhookOptions } from './alerts.tokens';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature';

/** Posts per round: a long outage's backlog drains over a few rounds rather than in one burst. */
const PER_ROUND = 20;

export interface DeliveryRound {
  delivered: number;
  failed: number;
  /** Events that left the journal (retention) before they could be posted. */
  expired: number;
}

/**
 * Posts the outbox's due events to ALERT_WEBHOOK_URL, signed; a failure (no answer, a
 * non-2xx) is retried later with backoff (doubling, jitter, at most 5 minutes apart) for
 * as long as the event is in the journal. Node's fetch: one POST needs no client library.
 */
@Injectable()
export class AlertWebhookDeliverer {
  private readonly logger = new Logger('AlertWebhook');

  constructor(
    private readonly outbox: AlertOutboxStore,
    private readonly store: AlertStateStore,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    @Inject(ALERT_CLOCK) private readonly clock: AlertClock,
  ) {}

  async deliverDue(): Promise<DeliveryRound> {
    const round: DeliveryRound = { delivered: 0, failed: 0, expired: 0 };
    const webhook = this.options.webhook;
    if (!webhook) return round;
    const now = this.clock();
    const ids = await this.outbox.claimDue(now, new Date(now.getTime() + 2 * webhook.timeoutMs + 60_000), PER_ROUND);
    for (const id of ids) {
      const event = await this.store.event(id);
      if (!event) {
        await this.outbox.delivered(id);
        this.logger.error(`alert event ${id} left the journal (JOURNAL_RETENTION_DAYS) before the webhook took it: not posted`);
        round.expired += 1;
        continue;
      }
      const problem = await post(webhook, event);
      if (problem === undefined) {
        await this.outbox.delivered(id);
        round.delivered += 1;
      } else {
        const attempts = await this.outbox.failed(id, (n) => new Date(this.clock().getTime() + jitteredBackoff(n, webhook.retryBaseMs)));
        this.logger.warn(`alert webhook: event ${id} not delivered (${problem}), attempt ${attempts}; retried later`);
        round.failed += 1;
      }
    }
    return round;
  }
}

/** Undefined when the receiver took it (2xx); otherwise why not, in words without the URL (it may hold a token). */
async function post(webhook: AlertWebhookOptions, event: AlertEvent): Promise<string | undefined> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const res = await fetch(webhook.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(webhook.timeoutMs),
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'brygga-alerts', [EVENT_ID_HEADER]: event.id, [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body) },
    });
    await res.body?.cancel();
    return res.ok ? undefined : `answered ${res.status}`;
  } catch (error) {
    const { name, cause } = error as Error & { cause?: { code?: string } };
    return name === 'TimeoutError' ? `no answer within ${webhook.timeoutMs} ms` : `no answer: ${cause?.code ?? name}`;
  }
}
