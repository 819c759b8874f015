import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CaseSystemSimModule } from './case-system-sim.module';
import { CASE_SYSTEM_SIM_OPTIONS, CaseSystemSimulatorOptions, resolveSimOptions } from './case-system-sim.options';

/** Creates (does not start) the case-system simulator; call `listen(port)` on the result. */
export async function createCaseSystemSimulator(options: CaseSystemSimulatorOptions): Promise<INestApplication> {
  const appModule = { module: CaseSystemSimModule, providers: [{ provide: CASE_SYSTEM_SIM_OPTIONS, useValue: resolveSimOptions(options) }] };
  return NestFactory.create(appModule, { logger: options.logger ?? undefined });
}
