import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ExportPeriod, MAX_EXPORT_DAYS, parseExportPeriod } from './export-period';
import { writeScheduleXml } from './schedule-xml.writer';
import { SCHEDULING_SYSTEM_SIM_OPTIONS, SchedulingSystemSimOptions } from './scheduling-system-sim.options';
import { SchedulingSystemStore } from './scheduling-system.store';
import { addDays, stockholmTimestamp } from './stockholm-time';

export interface PublishRequest {
  /** One unit; every unit when absent. */
  unitId?: string;
  url: string;
  token: string;
  from?: string;
  to?: string;
  /**
   * Each unit's period as documents of this many days, one revision each (oldest period
   * first), instead of one document.
   */
  chunkDays?: number;
  /** Deliver each unit's documents newest revision first, as a late or retried publish arrives. */
  outOfOrder?: boolean;
}

export interface PublishOutcome {
  unitId: string;
  revision: number;
  /** The last HTTP status the receiver answered; 0 when it could not be reached. */
  status: number;
  attempts: number;
  /** Only when the period went as several documents: which part this one carried. */
  period?: { from: string; to: string };
}

const DELIVERED = 202;
const REQUEST_TIMEOUT_MS = 15000;

/** Publishing a schedule: a new revision, pushed like the real system pushes it. */
@Injectable()
export class PublishService {
  private readonly logger = new Logger('SchedulingSystemSim');

  constructor(
    private readonly store: SchedulingSystemStore,
    @Inject(SCHEDULING_SYSTEM_SIM_OPTIONS) private readonly options: SchedulingSystemSimOptions,
  ) {}

  async publish(request: PublishRequest): Promise<PublishOutcome[]> {
    const unitIds = request.unitId === undefined ? this.store.units().map((u) => u.id) : [request.unitId];
    // Check every period first, so a bad request bumps no revision.
    const periods = unitIds.map((unitId) => this.periodFor(unitId, request));
    const outcomes: PublishOutcome[] = [];
    for (const [i, unitId] of unitIds.entries()) {
      if (request.chunkDays === undefined && !request.outOfOrder) {
        outcomes.push(await this.deliver(this.prepare(unitId, periods[i]), request));
        continue;
      }
      // Every revision is made before any is delivered, so a reversed delivery really is older-after-newer.
      const parts = chunks(periods[i], request.chunkDays ?? MAX_EXPORT_DAYS).map((part) => this.prepare(unitId, part));
      for (const part of request.outOfOrder ? parts.reverse() : parts) outcomes.push({ ...(await this.deliver(part, request)), period: part.period });
    }
    return outcomes;
  }

  private periodFor(unitId: string, request: PublishRequest): ExportPeriod {
    const roster = this.store.roster(unitId);
    if (!roster) throw new NotFoundException('unknown unit');
    const from = request.from ?? roster.periodStart;
    const capped = addDays(from, MAX_EXPORT_DAYS - 1);
    const to = request.to ?? (roster.periodEnd < capped ? roster.periodEnd : capped);
    return parseExportPeriod(from, to < from && request.to === undefined ? from : to);
  }

  /** A new revision of the unit's schedule for the period, as the document to push. */
  private prepare(unitId: string, period: ExportPeriod): PreparedDocument {
    const revision = this.store.bumpRevision(unitId);
    const now = (this.options.now ?? (() => new Date()))();
    const schedule = this.store.exportFor(unitId, period.from, period.to, stockholmTimestamp(now));
    if (!schedule) throw new NotFoundException('unknown unit');
    return { unitId, revision, period: { from: period.from, to: period.to }, body: writeScheduleXml(schedule) };
  }

  private async deliver({ unitId, revision, body }: PreparedDocument, request: PublishRequest): Promise<PublishOutcome> {
    const maxAttempts = this.options.publishAttempts ?? 4;
    const backoff = this.options.publishBackoffMs ?? 100;
    let status = 0;
    let attempts = 0;
    while (attempts < maxAttempts) {
      if (attempts > 0) await sleep(backoff * 2 ** (attempts - 1));
      attempts++;
      status = await post(request.url, request.token, body);
      if (status === DELIVERED) break;
    }
    const line = `publish ${unitId} revision ${revision}: status ${status} after ${attempts} attempt(s)`;
    if (status === DELIVERED) this.logger.log(line);
    else this.logger.warn(line);
    return { unitId, revision, status, attempts };
  }
}

interface PreparedDocument {
  unitId: string;
  revision: number;
  period: { from: string; to: string };
  body: string;
}

/** The period cut into consecutive parts of at most `days` days. */
function chunks(period: ExportPeriod, days: number): ExportPeriod[] {
  const parts: ExportPeriod[] = [];
  for (let from = period.from; from <= period.to; from = addDays(from, days)) {
    const end = addDays(from, days - 1);
    parts.push(parseExportPeriod(from, end < period.to ? end : period.to));
  }
  return parts;
}

async function post(url: string, token: string, body: string): Promise<number> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/xml; charset=UTF-8' },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    // Drain the body so the connection is released.
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
