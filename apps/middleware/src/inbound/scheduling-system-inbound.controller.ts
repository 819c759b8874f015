import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { ScheduleIntake } from '@brygga/schedules';
import { acceptXmlPush } from './inbound-http';
import { PushParsePool } from './push-parse.pool';

/** The scheduling system's push (`POST /inbound/scheduling-system`). */
@Controller('inbound')
export class SchedulingSystemInboundController {
  private readonly logger = new Logger('Inbound');

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly flow: ScheduleIntake,
    private readonly parser: PushParsePool,
  ) {}

  @Post('scheduling-system')
  receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    return acceptXmlPush(req, res, {
      system: 'scheduling-system',
      token: this.config.inbound.schedulingSystemToken,
      maxBytes: this.config.inbound.maxBytes,
      parse: (bytes) => this.parser.parse('scheduling-system', bytes),
      store: (bytes, order) => this.flow.receiveDocument(bytes, 'push', order),
      logger: this.logger,
    });
  }
}

