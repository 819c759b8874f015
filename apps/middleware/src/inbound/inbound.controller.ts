import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AssignmentIntake } from '@brygga/interventions';
import { ScheduleIntake } from '@brygga/schedules';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { acceptXmlPush } from './inbound-http';
import { PushParsePool } from './push-parse.pool';

/**
 * The two vendors' pushes: `POST /inbound/case-system` and `POST /inbound/scheduling-system`.
 * One door, the same answers for both (see acceptXmlPush); they differ only in whose token
 * opens it and which flow's intake stores what came in.
 */
@Controller('inbound')
export class InboundController {
  private readonly logger = new Logger('Inbound');

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly assignments: AssignmentIntake,
    private readonly schedules: ScheduleIntake,
    private readonly parser: PushParsePool,
  ) {}

  @Post('case-system')
  caseSystem(@Req() req: Request, @Res() res: Response): Promise<void> {
    return acceptXmlPush(req, res, {
      system: 'case-system',
      token: this.config.inbound.caseSystemToken,
      maxBytes: this.config.inbound.maxBytes,
      parse: (bytes) => this.parser.parse('case-system', bytes),
      store: (bytes, parsed) => this.assignments.receiveDocument(bytes, parsed, 'push'),
      logger: this.logger,
    });
  }

  @Post('scheduling-system')
  schedulingSystem(@Req() req: Request, @Res() res: Response): Promise<void> {
    return acceptXmlPush(req, res, {
      system: 'scheduling-system',
      token: this.config.inbound.schedulingSystemToken,
      maxBytes: this.config.inbound.maxBytes,
      parse: (bytes) => this.parser.parse('scheduling-system', bytes),
      store: (bytes, order) => this.schedules.receiveDocument(bytes, order, 'push'),
      logger: this.logger,
    });
  }
}
