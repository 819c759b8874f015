import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ExportOrder } from '@brygga/schedules';
import { parseScheduleExport, ScheduleRejectedError } from '@brygga/scheduling-system';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { SchedulesFlow } from '../flows/schedules.flow';
import { acceptXmlPush, PushParse } from './inbound-http';

/** The scheduling system's push (`POST /inbound/scheduling-system`). */
@Controller('inbound')
export class SchedulingSystemInboundController {
  private readonly logger = new Logger('Inbound');

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly flow: SchedulesFlow,
  ) {}

  @Post('scheduling-system')
  receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    return acceptXmlPush(req, res, {
      system: 'scheduling-system',
      token: this.config.inbound.schedulingSystemToken,
      maxBytes: this.config.inbound.maxBytes,
      parse: validateExport,
      store: (bytes, order) => this.flow.receiveDocument(bytes, 'push', order),
      logger: this.logger,
    });
  }
}

/**
 * Refuses whole-document problems only: a bad employee inside is quarantined later. The
 * apply job parses again: a whole export is too big to travel in a job.
 */
function validateExport(bytes: Buffer): PushParse<ExportOrder> {
  try {
    const { unit, revision } = parseScheduleExport(bytes);
    return { ok: true, parsed: { unitId: unit.id, revision } };
  } catch (error) {
    if (error instanceof ScheduleRejectedError) return { ok: false, rejection: error.reason };
    throw error;
  }
}
