import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseScheduleExport, ScheduleRejectedError } from '@brygga/scheduling-system';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { SchedulesFlow } from '../flows/schedules.flow';
import { acceptXmlPush } from './inbound-http';

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
      rejection: scheduleExportRejection,
      store: (bytes) => this.flow.receiveDocument(bytes, 'push'),
      logger: this.logger,
    });
  }
}

/** Whole-document problems only: a bad employee inside is quarantined later, not refused here. */
function scheduleExportRejection(bytes: Buffer): string | undefined {
  try {
    parseScheduleExport(bytes);
    return undefined;
  } catch (error) {
    if (error instanceof ScheduleRejectedError) return error.reason;
    throw error;
  }
}
