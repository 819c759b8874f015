import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KEY_PREFIX } from '@brygga/flow-kernel';
import { operationsKeys } from './operations-keys';
import { OPERATIONS_KEYS, RECONCILE_MAX_RPS } from './operations.tokens';
import { ReconcileRunsStore } from './reconcile-runs.store';
import { ReconcileProcessor } from './reconcile.processor';

/** The worker side of reconciliation: the `reconcile.run` and `reconcile.repair` jobs, over the flows' `@ReconciledFlow()` providers. */
@Module({})
export class ReconcileJobModule {
  static register(maxRps: number): DynamicModule {
    return {
      module: ReconcileJobModule,
      imports: [DiscoveryModule],
      providers: [{ provide: OPERATIONS_KEYS, inject: [KEY_PREFIX], useFactory: operationsKeys }, { provide: RECONCILE_MAX_RPS, useValue: maxRps }, ReconcileRunsStore, ReconcileProcessor],
    };
  }
}
