import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Redis from 'ioredis';
import { loadMappingRules } from '@brygga/config';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JobProducer, QueueName } from '@brygga/queue';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { CaseFileDropProcessor } from './case-file-drop.processor';
import { interventionsWorker } from './interventions.test-harness';

describe('CaseFileDropProcessor.scan (real Redis, real files)', () => {
  let redis: Redis;
  let prefix: string;
  let producer: JobProducer;
  let dir: string;
  let drop: CaseFileDropProcessor;

  beforeEach(async () => {
    redis = new Redis(TEST_REDIS_URL);
    prefix = uniquePrefix('drop');
    producer = new JobProducer(redis, prefix);
    dir = mkdtempSync(join(tmpdir(), 'brygga-drop-spec-'));
    const rules = loadMappingRules('config/mapping-rules.yaml');
    const planning = new PlanningClientsRegistry({}, { timeoutMs: 1000 });
    const flow = await interventionsWorker({ redis, prefix, producer, planning, rules: () => rules, today: () => '2026-11-23' }, { dropDir: dir });
    drop = flow.get(CaseFileDropProcessor);
  });

  afterEach(async () => {
    await producer.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('claims complete files only, and never lets a re-delivered name replace one still in processing', async () => {
    mkdirSync(join(dir, 'processing'));
    writeFileSync(join(dir, 'processing', 'export.xml'), 'first delivery');
    writeFileSync(join(dir, 'export.xml'), 'second delivery');
    writeFileSync(join(dir, 'other.xml.part'), 'still being written');

    expect(await drop.scan()).toBe(1);

    expect(readdirSync(join(dir, 'processing')).sort()).toEqual(['export.1.xml', 'export.xml']);
    expect(readFileSync(join(dir, 'processing', 'export.xml'), 'utf8')).toBe('first delivery');
    expect(readFileSync(join(dir, 'processing', 'export.1.xml'), 'utf8')).toBe('second delivery');
    expect(readdirSync(dir).sort()).toEqual(['other.xml.part', 'processed', 'processing', 'rejected']);
    const queued = await producer.queue(QueueName.CaseDocuments).getWaiting();
    expect(queued.map((j) => j.data.fileName).sort()).toEqual(['export.1.xml', 'export.xml']);
  });
});
