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
}

export interface PublishOutcome {
  unitId: string;
  revision: number;
  /** The last HTTP status the receiver answered; 0 when it could not be reached. */
  status: number;
  attempts: number;
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
      outcomes.push(await this.publishUnit(unitId, periods[i], request));
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

  private async publishUnit(unitId: string, period: ExportPeriod, request: PublishRequest): Promise<PublishOutcome> {
    const revision = this.store.bumpRevision(unitId);
    const now = (this.options.now ?? (() => new Date()))();
    const schedule = this.store.exportFor(unitId, period.from, period.to, stockholmTimestamp(now));
    if (!schedule) throw new NotFoundException('unknown unit');
    const body = writeScheduleXml(schedule);
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
