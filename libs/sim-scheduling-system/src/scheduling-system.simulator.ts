import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SchedulingSystemSimModule } from './scheduling-system-sim.module';
import { SCHEDULING_SYSTEM_SIM_OPTIONS, type SchedulingSystemSimOptions } from './scheduling-system-sim.options';
import { SchedulingSystemStore } from './scheduling-system.store';

/** Rosters of a few hundred days for ten people stay well below this. */
const XML_BODY_LIMIT = '20mb';

/** Creates the simulator app; the caller decides where it listens. */
export async function createSchedulingSystemSimulator(options: SchedulingSystemSimOptions): Promise<INestApplication> {
  const appModule = { module: SchedulingSystemSimModule, providers: [{ provide: SCHEDULING_SYSTEM_SIM_OPTIONS, useValue: options }] };
  const app = await NestFactory.create<NestExpressApplication>(appModule, {
    logger: options.logger === undefined ? undefined : options.logger,
  });
  // Posted ScheduleExport documents arrive as text; JSON stays with Nest's own parser.
  app.useBodyParser('text', { type: ['application/xml', 'text/xml'], limit: XML_BODY_LIMIT });
  if (options.generate) app.get(SchedulingSystemStore).generate(options.generate);
  return app;
}
