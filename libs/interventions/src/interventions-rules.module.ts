import { type DynamicModule, Module } from '@nestjs/common';
import { createPlanningIds } from '@brygga/planning-tool';
import { InterventionsRulesReplay } from './interventions-rules.replay';
import { InterventionsModule } from './interventions.module';
import { PLANNING_IDS } from './interventions.tokens';

/**
 * The interventions flow for the rules tools (dry-run, replay, apply), in the process
 * that answers the admin API: it maps as the worker does, so it needs the worker's
 * planning ids (the same CUSTOMER_ID_KEY).
 */
@Module({})
export class InterventionsRulesModule {
  static register(customerIdKey: string): DynamicModule {
    return {
      module: InterventionsRulesModule,
      imports: [InterventionsModule],
      providers: [{ provide: PLANNING_IDS, useFactory: () => createPlanningIds(customerIdKey) }, InterventionsRulesReplay],
    };
  }
}
