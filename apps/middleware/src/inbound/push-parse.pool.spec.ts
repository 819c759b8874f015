import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import type { MiddlewareConfig } from '../config/middleware.config';
import { PushParsePool } from './push-parse.pool';
import { PUSH_PARSERS, PushSystem } from './push-parsers';

const example = (system: string, name: string): Buffer => readFileSync(join(contractsDir(), system, 'examples', name));

function poolOf(parseThreads: number, parseThreadMinBytes: number, runsApi = true): PushParsePool {
  const config = { runsApi, inbound: { parseThreads, parseThreadMinBytes } } as MiddlewareConfig;
  const pool = new PushParsePool(config);
  pool.onModuleInit();
  return pool;
}

const DOCUMENTS: Array<[string, PushSystem, () => Buffer]> = [
  ['a new assignment', 'case-system', () => example('case-system', 'uppdrag-ny.xml')],
  ['a provider switch', 'case-system', () => example('case-system', 'uppdrag-byte.xml')],
  ['an ISO-8859-1 export', 'case-system', () => example('case-system', 'uppdrag-latin1.xml')],
  ['a DOCTYPE', 'case-system', () => Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Uppdragsexport/>')],
  ['not XML', 'case-system', () => Buffer.from('{"uppdrag": []}')],
  ['a roster', 'scheduling-system', () => example('scheduling-system', 'schedule-norr1.xml')],
  ['a roster over a DST night', 'scheduling-system', () => example('scheduling-system', 'schedule-natt-dst.xml')],
  ['a truncated roster', 'scheduling-system', () => example('scheduling-system', 'schedule-norr1.xml').subarray(0, 300)],
];

describe('PushParsePool: a push read in a parse thread answers exactly as one read inline', () => {
  const pool = poolOf(1, 0);
  afterAll(() => pool.onModuleDestroy());

  it.each(DOCUMENTS)('%s', async (_name, system, body) => {
    const inline = PUSH_PARSERS[system](body());
    expect(await pool.parse(system, body())).toEqual(inline);
  });

  it('a bug met in the thread reaches the caller as an error, not as an answer', async () => {
    // A system no parser knows stands for a parser that throws something it does not own.
    await expect(pool.parse('no-such-system' as PushSystem, Buffer.from('<x/>'))).rejects.toThrow();
  });
});

describe('PushParsePool: which pushes go to a thread', () => {
  // The thread has its own copy of the parsers: a spy here sees only what was read inline.
  const inline = jest.spyOn(PUSH_PARSERS, 'case-system');
  beforeEach(() => inline.mockClear());
  const body = () => example('case-system', 'uppdrag-ny.xml');

  it.each<[string, () => PushParsePool, number]>([
    ['a document of INBOUND_PARSE_THREAD_MIN_BYTES or more, in the API, is read in the thread', () => poolOf(1, 100), 0],
    ['a smaller document is read inline', () => poolOf(1, 1_000_000), 1],
    ['with INBOUND_PARSE_THREADS=0, every document is read inline', () => poolOf(0, 0), 1],
    ['in a worker process (no API, no pool), every document is read inline', () => poolOf(1, 0, false), 1],
  ])('%s', async (_name, make, times) => {
    const pool = make();
    try {
      expect(await pool.parse('case-system', body())).toMatchObject({ ok: true });
      expect(inline).toHaveBeenCalledTimes(times);
    } finally {
      await pool.onModuleDestroy();
    }
  });
});
