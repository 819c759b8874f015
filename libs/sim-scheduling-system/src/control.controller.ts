import type { ShiftType } from '@brygga/domain';
import { BadRequestException, Body, Controller, Delete, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { MAX_EXPORT_DAYS } from './export-period';
import { PublishOutcome, PublishService } from './publish.service';
import { asObject, optionalBoolean, optionalDate, optionalString, requiredDate, requiredInteger, requiredString, requiredTime, requiredUrl } from './request-body';
import { ScheduleXmlError, readScheduleXml } from './schedule-xml.reader';
import { SchedulingSystemStore } from './scheduling-system.store';
import type { UnitRoster } from './unit-roster';

const SHIFT_TYPES: readonly ShiftType[] = ['DAG', 'KVÄLL', 'NATT', 'DELAD'];
/** Long enough for a year's demo, small enough that nobody generates by mistake for ages. */
const MAX_GENERATED_DAYS = 400;

function counts(roster: UnitRoster) {
  return {
    unitId: roster.unit.id,
    revision: roster.revision,
    employees: roster.employees.length,
    shifts: roster.employees.reduce((n, e) => n + e.shifts.length, 0),
    absences: roster.employees.reduce((n, e) => n + e.absences.length, 0),
  };
}

/** The test and demo controls: not part of the vendor's API, hence no bearer token. */
@Controller('_sim')
export class ControlController {
  constructor(
    private readonly store: SchedulingSystemStore,
    private readonly publisher: PublishService,
  ) {}

  @Post('generate')
  @HttpCode(200)
  generate(@Body() raw: unknown) {
    const body = asObject(raw);
    const seed = body.seed;
    if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isInteger(seed))) {
      throw new BadRequestException('seed: required integer or string');
    }
    const from = requiredDate(body, 'from');
    const days = requiredInteger(body, 'days', 1, MAX_GENERATED_DAYS);
    const rosters = this.store.generate({ seed, from, days });
    const units = rosters.map(counts);
    return {
      from,
      to: rosters[0]?.periodEnd,
      days,
      units,
      employees: units.reduce((n, u) => n + u.employees, 0),
      shifts: units.reduce((n, u) => n + u.shifts, 0),
      absences: units.reduce((n, u) => n + u.absences, 0),
    };
  }

  @Post('schedules')
  @HttpCode(200)
  putSchedule(@Body() raw: unknown) {
    if (typeof raw !== 'string' || raw.length === 0) throw new BadRequestException('body: a ScheduleExport document (Content-Type: application/xml)');
    try {
      return counts(this.store.putSchedule(readScheduleXml(raw)));
    } catch (error) {
      if (error instanceof ScheduleXmlError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  @Post('publish')
  @HttpCode(200)
  async publish(@Body() raw: unknown): Promise<{ published: PublishOutcome[] }> {
    const body = asObject(raw);
    const published = await this.publisher.publish({
      unitId: optionalString(body, 'unitId'),
      url: requiredUrl(body, 'url'),
      token: requiredString(body, 'token'),
      from: optionalDate(body, 'from'),
      to: optionalDate(body, 'to'),
      chunkDays: body.chunkDays === undefined ? undefined : requiredInteger(body, 'chunkDays', 1, MAX_EXPORT_DAYS),
      outOfOrder: optionalBoolean(body, 'outOfOrder'),
    });
    return { published };
  }

  @Post('change')
  @HttpCode(200)
  change(@Body() raw: unknown) {
    const body = asObject(raw);
    const type = optionalString(body, 'type');
    if (type !== undefined && !(SHIFT_TYPES as readonly string[]).includes(type)) throw new BadRequestException('type: DAG, KVÄLL, NATT or DELAD');
    const change = {
      unitId: requiredString(body, 'unitId'),
      employmentNo: requiredString(body, 'employmentNo'),
      date: requiredDate(body, 'date'),
      start: requiredTime(body, 'start'),
      end: requiredTime(body, 'end'),
      type: type as ShiftType | undefined,
    };
    const outcome = this.store.changeShift(change);
    if (outcome.result === 'unknownUnit') throw new NotFoundException('unknown unit');
    if (outcome.result === 'unknownEmployee') throw new NotFoundException(`unknown employee ${change.employmentNo} in unit ${change.unitId}`);
    return { unitId: change.unitId, employmentNo: change.employmentNo, result: outcome.result, shift: outcome.shift };
  }

  @Delete()
  @HttpCode(204)
  reset(): void {
    this.store.reset();
  }
}
