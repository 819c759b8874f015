import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CaseFeedClient } from '@brygga/case-system';
import { flowWorkerModule } from '@brygga/flow-kernel';
import { createPlanningIds } from '@brygga/planning-tool';
import { AssignmentProcessor } from './assignment.processor';
import { CaseFeedPoller } from './case-feed.poller';
import { CaseFeedUpstream } from './case-feed.upstream';
import { InterventionsReconcile } from './interventions.reconcile';
import { CaseFileDropProcessor } from './case-file-drop.processor';
import { EndedAssignmentsProcessor } from './ended-assignments.processor';
import { InterventionsModule } from './interventions.module';
import { InterventionsScheduler } from './interventions.scheduler';
import { CASE_DROP_DIR, INTERVENTIONS_WORKER_OPTIONS, type InterventionsWorkerOptions, PLANNING_IDS } from './interventions.tokens';

/**
 * The interventions flow's jobs: its processors and pollers (found by the worker host
 * through `@JobHandlers()`), and what schedules them. Only a worker process imports it.
 */
@Module({})
export class InterventionsWorkerModule {
  static forRoot(options: InterventionsWorkerOptions): DynamicModule {
    // Without a drop folder there is neither a scan nor a handler: the worker host then leaves file imports to a worker that has one.
    const drop: Provider[] = options.dropDir ? [{ provide: CASE_DROP_DIR, useValue: options.dropDir }, CaseFileDropProcessor] : [];
    return flowWorkerModule(InterventionsWorkerModule, {
      flow: InterventionsModule,
      logger: 'Interventions',
      options: { provide: INTERVENTIONS_WORKER_OPTIONS, useValue: options },
      jobs: [
        { provide: PLANNING_IDS, useFactory: () => createPlanningIds(options.customerIdKey) },
        { provide: CaseFeedClient, useFactory: () => new CaseFeedClient(options.caseFeed.url, options.caseFeed.token) },
        AssignmentProcessor,
        EndedAssignmentsProcessor,
        CaseFeedPoller,
        ...drop,
        InterventionsScheduler,
        // Reconciliation (run by operations' reconcile jobs): beside the feed client it reads upstream with.
        CaseFeedUpstream,
        InterventionsReconcile,
      ],
    });
  }
}
