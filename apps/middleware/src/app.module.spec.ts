import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, Type } from '@nestjs/common';
import { AssignmentIntake, AssignmentProcessor, CaseFileDropProcessor, InterventionsScheduler } from '@brygga/interventions';
import { ALL_JOB_NAMES, buildHandlerTable, JOB_QUEUE, JobHandlersExplorer, QueueName } from '@brygga/queue';
import { ScheduleDocumentProcessor, ScheduleIntake, SchedulesScheduler } from '@brygga/schedules';
import { TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { FailedJobsController } from './admin/failed-jobs.controller';
import { createMiddlewareApp } from './create-middleware-app';
import { InboundController } from './inbound/inbound.controller';
import { WorkersService } from './workers/workers.service';

const ENV = {
  NODE_ENV: 'test',
  REDIS_URL: TEST_REDIS_URL,
  PLANNING_TOKEN_KOMMUNEN: 'kommunen-token',
  PLANNING_TOKEN_OMSORGSHUSET: 'omsorgshuset-token',
};

/** Built, not started: no worker runs and nothing is scheduled, so the wiring alone is looked at. */
describe('AppModule: the modules each role is made of (real Redis, not started)', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function build(env: NodeJS.ProcessEnv): Promise<INestApplication> {
    ({ app } = await createMiddlewareApp({ ...ENV, QUEUE_PREFIX: uniquePrefix('roles'), ...env }, { logger: false }));
    return app;
  }

  const has = (built: INestApplication, type: Type) => {
    try {
      built.get(type, { strict: false });
      return true;
    } catch {
      return false;
    }
  };

  it('the api role takes documents in and has no job of any flow, nor workers', async () => {
    const built = await build({ ROLE: 'api' });
    for (const type of [InboundController, FailedJobsController, AssignmentIntake, ScheduleIntake]) expect(has(built, type)).toBe(true);
    for (const type of [AssignmentProcessor, ScheduleDocumentProcessor, InterventionsScheduler, SchedulesScheduler, WorkersService]) expect(has(built, type)).toBe(false);
  });

  it('the worker role runs every job of both flows, exactly one handler each, and starts no inbound controller', async () => {
    const built = await build({ ROLE: 'worker', CASE_SYSTEM_DROP_DIR: mkdtempSync(join(tmpdir(), 'brygga-roles-')) });
    for (const type of [InboundController, FailedJobsController]) expect(has(built, type)).toBe(false);
    for (const type of [WorkersService, InterventionsScheduler, SchedulesScheduler, CaseFileDropProcessor]) expect(has(built, type)).toBe(true);
    expect(Object.keys(buildHandlerTable(built.get(JobHandlersExplorer, { strict: false }).providers())).sort()).toEqual([...ALL_JOB_NAMES].sort());
  });

  it('a worker without a drop folder handles every job but the file import, which it leaves to a worker that has one', async () => {
    const built = await build({ ROLE: 'worker' });
    expect(has(built, CaseFileDropProcessor)).toBe(false);
    const required = ALL_JOB_NAMES.filter((name) => JOB_QUEUE[name] !== QueueName.CaseDocuments);
    expect(Object.keys(buildHandlerTable(built.get(JobHandlersExplorer, { strict: false }).providers(), required)).sort()).toEqual([...required].sort());
  });

  it('the all role is both', async () => {
    const built = await build({ ROLE: 'all' });
    for (const type of [InboundController, FailedJobsController, AssignmentIntake, AssignmentProcessor, ScheduleDocumentProcessor, WorkersService]) expect(has(built, type)).toBe(true);
  });
});
