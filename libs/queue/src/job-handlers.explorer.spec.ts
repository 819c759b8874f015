import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { buildHandlerTable, HandlerRegistryError, type JobHandlerProvider } from './job-handler';
import { JobHandlers } from './job-handlers.decorator';
import { JobHandlersExplorer } from './job-handlers.explorer';
import { JobHandlersModule } from './job-handlers.module';
import { ALL_JOB_NAMES, type JobName } from './job-payloads';

const ok = async () => 'ok';
const handling = (names: readonly JobName[]) => () => Object.fromEntries(names.map((name) => [name, ok]));

@Injectable()
@JobHandlers()
class FirstHalf implements JobHandlerProvider {
  handlers = handling(ALL_JOB_NAMES.slice(0, 3));
}

@Injectable()
@JobHandlers()
class SecondHalf implements JobHandlerProvider {
  handlers = handling(ALL_JOB_NAMES.slice(3));
}

@Injectable()
@JobHandlers()
class AlsoTheFirstJob implements JobHandlerProvider {
  handlers = handling(ALL_JOB_NAMES.slice(0, 1));
}

/** Has handlers() but is not marked: not a job handler. */
@Injectable()
class Unmarked implements JobHandlerProvider {
  handlers = handling(ALL_JOB_NAMES);
}

@Injectable()
@JobHandlers()
class MarkedWithoutHandlers {}

@Module({ providers: [FirstHalf, Unmarked] })
class OneFlowModule {}

@Module({ providers: [SecondHalf] })
class OtherFlowModule {}

@Module({ providers: [AlsoTheFirstJob] })
class DuplicatingModule {}

@Module({ providers: [MarkedWithoutHandlers] })
class BrokenModule {}

async function explorerWith(...modules: Array<new () => object>): Promise<JobHandlersExplorer> {
  return (await Test.createTestingModule({ imports: [JobHandlersModule, ...modules] }).compile()).get(JobHandlersExplorer);
}

describe('JobHandlersExplorer', () => {
  it('finds the marked providers of every module, and only those', async () => {
    const found = (await explorerWith(OneFlowModule, OtherFlowModule)).providers();
    expect(found.map((p) => p.constructor.name).sort()).toEqual(['FirstHalf', 'SecondHalf']);
    expect(Object.keys(buildHandlerTable(found)).sort()).toEqual([...ALL_JOB_NAMES].sort());
  });

  it('leaves the one-handler-per-job check to the worker host: a missing job and a second handler are refused', async () => {
    const missing = (await explorerWith(OneFlowModule)).providers();
    expect(() => buildHandlerTable(missing)).toThrow(`job '${ALL_JOB_NAMES[3]}' has no handler`);
    const doubled = (await explorerWith(OneFlowModule, OtherFlowModule, DuplicatingModule)).providers();
    expect(() => buildHandlerTable(doubled)).toThrow(`job '${ALL_JOB_NAMES[0]}' has two handlers`);
  });

  it('refuses a marked provider that has no handlers()', async () => {
    const explorer = await explorerWith(BrokenModule);
    expect(() => explorer.providers()).toThrow(HandlerRegistryError);
    expect(() => explorer.providers()).toThrow(/MarkedWithoutHandlers is marked @JobHandlers\(\) but has no handlers\(\)/);
  });
});
