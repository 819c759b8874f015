import { Module } from '@nestjs/common';
import { CaseSystemStore } from './case-system.store';
import { ControlController } from './control.controller';
import { DropService } from './drop.service';
import { FeedController } from './feed.controller';
import { FeedFaults } from './feed-faults.service';
import { PushService } from './push.service';

/** The case-system simulator; `createCaseSystemSimulator` adds its options (CASE_SYSTEM_SIM_OPTIONS). */
@Module({
  controllers: [FeedController, ControlController],
  providers: [CaseSystemStore, FeedFaults, PushService, DropService],
  exports: [CaseSystemStore],
})
export class CaseSystemSimModule {}
