import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AlertWebhookDeliverer } from './alert-webhook.deliverer';
import { AlertEvaluator } from './alert.evaluator';
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts.tokens';

/**
 * Evaluates the alerts and posts the webhook's due events every ALERT_EVALUATE_SECONDS, in
 * each API process. A timer, not a scheduler job: the alerts must be evaluated when the
 * workers are down or stuck (that is what queue-age is for), and the API role always runs.
 * Several API processes evaluating is harmless: each transition is atomic in Redis.
 */
@Injectable()
export class AlertsTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly evaluator: AlertEvaluator,
    private readonly deliverer: AlertWebhookDeliverer,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.options.evaluateSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round; a round still running (a slow Redis or receiver) is not overtaken. */
  private tick(): void {
    if (this.running) return;
    this.running = this.round().finally(() => (this.running = undefined));
  }

  private async round(): Promise<void> {
    try {
      await this.evaluator.evaluate();
    } catch (error) {
      this.logger.error(`alert evaluation failed: ${(error as Error).message}`);
    }
    try {
      await this.deliverer.deliverDue();
    } catch (error) {
      this.logger.error(`alert webhook round failed: ${(error as Error).message}`);
    }
  }
}
