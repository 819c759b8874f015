import { type DynamicModule, Injectable, Module, OnApplicationBootstrap, Inject } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KEY_PREFIX } from '@brygga/flow-kernel';
import { JobProducer } from '@brygga/queue';
import { operationsKeys } from './operations-keys';
import { OPERATIONS_KEYS, RECONCILE_SETTINGS } from './operations.tokens';
import { ReconcileRunsStore } from './reconcile-runs.store';
import { ReconcileProcessor, type ReconcileSettings } from './reconcile.processor';

/** The nightly run as a BullMQ job scheduler in Stockholm time (one however many workers upsert it); removed when RECONCILE_CRON is off. */
@Injectable()
export class ReconcileScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly producer: JobProducer,
    @Inject(RECONCILE_SETTINGS) private readonly settings: ReconcileSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.schedule('reconcile-nightly', 'reconcile.nightly', this.settings.cron ? { pattern: this.settings.cron, tz: 'Europe/Stockholm' } : null, { v: 1 });
  }
}

/** The worker side of reconciliation: the `reconcile.*` jobs, over the flows' `@ReconciledFlow()` providers, and the nightly run's scheduler. */
@Module({})
export class ReconcileJobModule {
  static register(settings: ReconcileSettings): DynamicModule {
    return {
      module: ReconcileJobModule,
      imports: [DiscoveryModule],
      providers: [{ provide: OPERATIONS_KEYS, inject: [KEY_PREFIX], useFactory: operationsKeys }, { provide: RECONCILE_SETTINGS, useValue: settings }, ReconcileRunsStore, ReconcileProcessor, ReconcileScheduler],
    };
  }
}
