import Redis from 'ioredis';
import type { AdminRequestContext } from '@brygga/admin-access';
import type { VersionedRules } from '@brygga/flow-kernel';
import type { JobProducer } from '@brygga/queue';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import type { OperationsAudit } from './operations-audit';
import { operationsKeys } from './operations-keys';
import type { RulesControl, RulesPropagation } from './rules-control';
import type { RulesReplayDiff, RulesReplayService } from './rules-replay.service';
import type { RulesReplayRunsStore } from './rules-replay-runs.store';
import type { RulesVersion, RulesVersionsStore } from './rules-versions.store';
import { RulesToolsService } from './rules-tools.service';

const OLD: VersionedRules = { version: 'aaaaaaaaaaaa' };
const NEW: VersionedRules = { version: 'bbbbbbbbbbbb' };
const actor = { principal: { name: 'admin-token' }, requestId: 'req-1' } as unknown as AdminRequestContext;

/**
 * The order of an apply's steps, with its collaborators standing in (each records what it
 * was asked and when; the apply lock is real Redis): what the service decides is the order.
 */
describe('RulesToolsService.apply: the difference is taken after the switch has gone round', () => {
  let redis: Redis;
  let prefix: string;
  const steps: string[] = [];
  let inForce: VersionedRules;

  const diffOf = (candidate: VersionedRules, against: VersionedRules): RulesReplayDiff => ({
    inForce: against.version,
    candidate: candidate.version,
    scanned: {},
    unavailable: 0,
    counts: {},
    items: [{ flow: 'interventions', id: 'UPP-1', kinds: ['ordersChanged'], fields: [] }],
  } as unknown as RulesReplayDiff);

  const service = () => {
    const replay = {
      candidate: () => NEW,
      diff: async (candidate: VersionedRules, _progress: unknown, against: VersionedRules = inForce) => {
        steps.push(`diff ${against.version}->${candidate.version} while ${inForce.version} in force`);
        return diffOf(candidate, against);
      },
      resend: async (items: Array<{ id: string }>) => {
        steps.push(`resend ${items.map((i) => i.id).join(',')}`);
        return { interventions: items.length };
      },
    } as unknown as RulesReplayService;
    const versions = { list: async () => [], append: async (v: Omit<RulesVersion, 'n'>) => ({ ...v, n: 1 }) } as unknown as RulesVersionsStore;
    const audit = { record: (_a: unknown, _action: string, _t: unknown, run: () => Promise<unknown>) => run() } as unknown as OperationsAudit;
    const rules: RulesControl = {
      status: () => ({ version: inForce.version, loadedAt: '2026-11-30T00:00:00Z', source: 'rules.yaml', tenants: [] }),
      reload: () => {
        throw new Error('not in this spec');
      },
      current: () => inForce,
      fileText: () => 'old',
      replace: () => {
        steps.push('switch');
        inForce = NEW;
        return { outcome: 'accepted', status: rules.status() };
      },
    };
    const propagation: RulesPropagation = {
      announce: async (version) => {
        steps.push(`announce ${version}`);
        return { processes: 2, lagging: [] };
      },
    };
    return new RulesToolsService(replay, versions, audit, rules, propagation, redis, operationsKeys(prefix), {} as RulesReplayRunsStore, {} as JobProducer, 100);
  };

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('rules-tools');
    steps.length = 0;
    inForce = OLD;
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('switch, announce, then the difference against the rules replaced, then exactly its items re-sent', async () => {
    const applied = await service().apply(actor, { rules: 'new' });
    expect(steps).toEqual(['switch', `announce ${NEW.version}`, `diff ${OLD.version}->${NEW.version} while ${NEW.version} in force`, 'resend UPP-1']);
    expect(applied).toMatchObject({ outcome: 'applied', diff: { inForce: OLD.version, candidate: NEW.version }, resent: { interventions: 1 } });
  });
});
