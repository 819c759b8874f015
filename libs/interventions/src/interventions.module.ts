import { Module } from '@nestjs/common';
import { KEY_PREFIX } from '@brygga/flow-kernel';
import { AssignmentIntake } from './assignment-intake.service';
import { AssignmentStateStore } from './assignment-state.store';
import { CustomerStateStore } from './customer-state.store';
import { InterventionsStats } from './interventions-stats.store';
import { DATA_KEYS } from './interventions.tokens';
import { dataKeys } from './redis-keys';
import { InterventionsOperations } from './interventions.operations';

/**
 * The interventions flow's state and its way in: what a process that takes documents
 * (the API) needs, and what its worker side builds on. `InterventionsOperations` shows it to operations. Stands on FlowKernelModule's
 * providers (Redis, key prefix, job producer, document store).
 */
@Module({
  providers: [{ provide: DATA_KEYS, inject: [KEY_PREFIX], useFactory: dataKeys }, AssignmentStateStore, CustomerStateStore, InterventionsStats, AssignmentIntake, InterventionsOperations],
  exports: [DATA_KEYS, AssignmentStateStore, CustomerStateStore, InterventionsStats, AssignmentIntake],
})
export class InterventionsModule {}
