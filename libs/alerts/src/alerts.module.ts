import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KEY_PREFIX } from '@brygga/flow-kernel';
import { FlowOperationsExplorer } from '@brygga/operations';
import { AlertInputs } from './alert-inputs.reader';
import { alertKeys } from './alert-keys';
import { AlertOutboxStore } from './alert-outbox.store';
import { AlertStateStore } from './alert-state.store';
import { AlertWebhookDeliverer } from './alert-webhook.deliverer';
import { AlertEvaluator } from './alert.evaluator';
import { AlertsService } from './alerts.service';
import { AlertsTicker } from './alerts.ticker';
import { ALERT_CLOCK, ALERT_KEYS, type AlertClock, ALERTS_OPTIONS, type AlertsOptions } from './alerts.tokens';

export interface AlertsModuleOptions {
  options: AlertsOptions;
  /** Tests hand a controllable clock; the process uses the wall clock. */
  clock?: AlertClock;
  /** False: nothing evaluates by itself (a test calls the evaluator). */
  ticking?: boolean;
}

/** The alerts on the kernel's Redis, rules and producer: evaluated in the process that imports it (the API role). */
@Module({})
export class AlertsModule {
  static register({ options, clock = () => new Date(), ticking = true }: AlertsModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: ALERTS_OPTIONS, useValue: options },
      { provide: ALERT_CLOCK, useValue: clock },
      { provide: ALERT_KEYS, inject: [KEY_PREFIX], useFactory: alertKeys },
      FlowOperationsExplorer,
      AlertInputs,
      AlertStateStore,
      AlertOutboxStore,
      AlertEvaluator,
      AlertWebhookDeliverer,
      AlertsService,
      ...(ticking ? [AlertsTicker] : []),
    ];
    // Global: the admin API and the operations page (other modules) read the same service.
    return { module: AlertsModule, global: true, imports: [DiscoveryModule], providers, exports: [AlertsService, AlertEvaluator, AlertWebhookDeliverer] };
  }
}
