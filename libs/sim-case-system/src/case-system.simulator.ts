import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CaseSystemSimModule } from './case-system-sim.module';
import { CaseSystemSimulatorOptions } from './case-system-sim.options';

/** Creates (does not start) the case-system simulator; call `listen(port)` on the result. */
export async function createCaseSystemSimulator(options: CaseSystemSimulatorOptions): Promise<INestApplication> {
  return NestFactory.create(CaseSystemSimModule.forRoot(options), { logger: options.logger ?? undefined });
}
