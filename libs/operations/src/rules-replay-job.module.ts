import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KEY_PREFIX } from '@brygga/flow-kernel';
import { operationsKeys } from './operations-keys';
import { OPERATIONS_KEYS } from './operations.tokens';
import { RulesReplayExplorer } from './rules-replay.explorer';
import { RulesReplayRunsStore } from './rules-replay-runs.store';
import { RulesReplayProcessor } from './rules-replay.processor';
import { RulesReplayService } from './rules-replay.service';

/**
 * The worker side of the rules tools: the `rules.replay` job's handler, over the flows'
 * `@ReplayedFlow()` providers (which the worker role imports too) and the process's rules
 * in force (`rulesControl`, a `RulesControl` under RULES_CONTROL).
 */
@Module({})
export class RulesReplayJobModule {
  static register(rulesControl: Provider): DynamicModule {
    return {
      module: RulesReplayJobModule,
      imports: [DiscoveryModule],
      providers: [rulesControl, { provide: OPERATIONS_KEYS, inject: [KEY_PREFIX], useFactory: operationsKeys }, RulesReplayExplorer, RulesReplayService, RulesReplayRunsStore, RulesReplayProcessor],
    };
  }
}
