import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlersExplorer } from './job-handlers.explorer';

/** Imported by the process that runs the workers: finds the job handlers of every flow module. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobHandlersExplorer],
  exports: [JobHandlersExplorer],
})
export class JobHandlersModule {}
