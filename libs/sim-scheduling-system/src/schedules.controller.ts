import { Controller, Get, Header, Inject, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { BearerTokenGuard } from './bearer-token.guard';
import { parseExportPeriod } from './export-period';
import { writeScheduleXml, writeUnitsXml } from './schedule-xml.writer';
import { SCHEDULING_SYSTEM_SIM_OPTIONS, SchedulingSystemSimOptions } from './scheduling-system-sim.options';
import { SchedulingSystemStore } from './scheduling-system.store';
import { stockholmTimestamp } from './stockholm-time';

const XML = 'application/xml; charset=UTF-8';

/** The vendor's pull API, as the middleware sees it. */
@Controller('api')
@UseGuards(BearerTokenGuard)
export class SchedulesController {
  constructor(
    private readonly store: SchedulingSystemStore,
    @Inject(SCHEDULING_SYSTEM_SIM_OPTIONS) private readonly options: SchedulingSystemSimOptions,
  ) {}

  @Get('units')
  @Header('Content-Type', XML)
  units(): string {
    return writeUnitsXml(this.store.units());
  }

  @Get('schedules/:unitId')
  @Header('Content-Type', XML)
  schedule(@Param('unitId') unitId: string, @Query('from') from: unknown, @Query('to') to: unknown): string {
    const period = parseExportPeriod(from, to);
    const now = (this.options.now ?? (() => new Date()))();
    const schedule = this.store.exportFor(unitId, period.from, period.to, stockholmTimestamp(now));
    if (!schedule) throw new NotFoundException('unknown unit');
    return writeScheduleXml(schedule);
  }
}
