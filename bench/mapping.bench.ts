import { join } from 'node:path';
import axios from 'axios';
import type { INestApplication } from '@nestjs/common';
import { parseUppdragsexport } from '@brygga/case-system';
import { loadMappingRules, repoRoot } from '@brygga/config';
import type { Schedule } from '@brygga/domain';
import { mapAssignment, mapSchedule, type MappingRules } from '@brygga/mapping';
import { createPlanningIds } from '@brygga/planning-tool';
import { parseScheduleExport } from '@brygga/scheduling-system';
import { createCaseSystemSimulator } from '@brygga/sim-case-system';
import { generateRosters, writeScheduleXml } from '@brygga/sim-scheduling-system';
import { BenchResult, result, secondsSince, stockholmToday } from './bench-result';
import { listenLocal } from '@brygga/testing';

const FEED_TOKEN = 'bench-feed-token';
/** The feed's default page: what the middleware's poller gets per request. */
const PAGE_SIZE = 500;
const SCHEDULE_DAYS = 62;

export interface MappingBenchOptions {
  clients: number;
  scheduleRounds: number;
}

function rules(): MappingRules {
  return loadMappingRules(process.env.MAPPING_RULES_FILE ?? join(repoRoot(), 'config', 'mapping-rules.yaml'));
}

/** The generated municipality as the change feed serves it: every page's bytes, read before timing starts. */
async function feedPages(clients: number): Promise<Buffer[]> {
  const sim: INestApplication = await createCaseSystemSimulator({ feedToken: FEED_TOKEN, logger: false });
  try {
    const base = await listenLocal(sim);
    await axios.post(`${base}/_sim/generate`, { clients, seed: 1 });
    const pages: Buffer[] = [];
    for (let efter = 0; ; ) {
      const { data } = await axios.get<ArrayBuffer>(`${base}/api/uppdrag/andringar`, {
        params: { efter, max: PAGE_SIZE },
        headers: { Authorization: `Bearer ${FEED_TOKEN}` },
        responseType: 'arraybuffer',
      });
      const page = Buffer.from(data);
      const next = Number(/sekvens="(\d+)"/.exec(page.subarray(0, 512).toString('utf8'))?.[1]);
      if (!page.includes('<Uppdrag ') || !(next > efter)) return pages;
      pages.push(page);
      efter = next;
    }
  } finally {
    await sim.close();
  }
}

/** parseUppdragsexport + mapAssignment over a whole generated municipality, page by page. */
export async function benchAssignmentMapping(options: MappingBenchOptions): Promise<BenchResult> {
  const pages = await feedPages(options.clients);
  const mappingRules = rules();
  const ids = createPlanningIds('brygga-bench-customer-id-key');
  const today = stockholmToday();
  const outcomes: Record<string, number> = {};
  let assignments = 0;
  const timing = timeParseAndMap(pages, parseUppdragsexport, (parsed) => {
    for (const r of parsed.results) {
      assignments += 1;
      const outcome = r.ok ? mapAssignment(r.assignment, mappingRules, ids, today).outcome : 'rejected';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  });
  return result(`pure mapping: assignments (pages of ${PAGE_SIZE}, p = per page)`, 'assignments', assignments, timing.seconds, timing.perInputMs, {
    pages: pages.length,
    mapShare: timing.mapShare,
    ...outcomes,
  });
}

/** Every demo unit's roster for `rounds` seeds, as the scheduling system would export it. */
function scheduleDocuments(rounds: number, today: string): Buffer[] {
  const documents: Buffer[] = [];
  for (let seed = 1; seed <= rounds; seed++) {
    for (const roster of generateRosters({ seed, from: today, days: SCHEDULE_DAYS })) {
      const schedule: Schedule = {
        generated: `${today}T06:00:00+01:00`,
        revision: roster.revision,
        periodStart: roster.periodStart,
        periodEnd: roster.periodEnd,
        unit: roster.unit,
        employees: roster.employees,
      };
      documents.push(Buffer.from(writeScheduleXml(schedule), 'utf8'));
    }
  }
  return documents;
}

/** parseScheduleExport + mapSchedule: one document per unit, each of SCHEDULE_DAYS days. */
export function benchScheduleMapping(options: MappingBenchOptions): BenchResult {
  const today = stockholmToday();
  const documents = scheduleDocuments(options.scheduleRounds, today);
  const mappingRules = rules();
  let employeeDays = 0;
  let quarantined = 0;
  let notServed = 0;
  const timing = timeParseAndMap(documents, parseScheduleExport, (parsed) => {
    const plan = mapSchedule(parsed, mappingRules, today);
    if (plan.outcome === 'apply') {
      employeeDays += plan.staff.reduce((n, s) => n + Object.keys(s.days).length, 0);
      quarantined += plan.quarantined.length;
    } else notServed += 1;
  });
  return result(`pure mapping: schedules (${SCHEDULE_DAYS}-day unit exports, p = per doc)`, 'employee-days', employeeDays, timing.seconds, timing.perInputMs, {
    documents: documents.length,
    mapShare: timing.mapShare,
    quarantinedEmployees: quarantined,
    unitsNotServed: notServed,
  });
}

interface ParseAndMapTiming {
  seconds: number;
  /** Parse and map of each input, in milliseconds. */
  perInputMs: number[];
  /** The mapping's part of the time (the rest is parsing and validation), e.g. `12%`. */
  mapShare: string;
}

/** Parses and maps each input in turn, timing the whole, each input, and the mapping apart. */
function timeParseAndMap<P>(inputs: readonly Buffer[], parse: (input: Buffer) => P, map: (parsed: P) => void): ParseAndMapTiming {
  const perInputMs: number[] = [];
  let mapNs = 0n;
  const started = process.hrtime.bigint();
  for (const input of inputs) {
    const inputStarted = process.hrtime.bigint();
    const parsed = parse(input);
    const mapStarted = process.hrtime.bigint();
    map(parsed);
    mapNs += process.hrtime.bigint() - mapStarted;
    perInputMs.push(secondsSince(inputStarted) * 1000);
  }
  const seconds = secondsSince(started);
  return { seconds, perInputMs, mapShare: `${Math.round((Number(mapNs) / 1e9 / seconds) * 100)}%` };
}
