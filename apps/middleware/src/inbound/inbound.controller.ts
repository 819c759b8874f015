import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AssignmentIntake } from '@brygga/interventions';
import { BRYGGA_METRICS, type BryggaMetrics, type InboundAnswer } from '@brygga/metrics';
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
    @Inject(BRYGGA_METRICS) private readonly metrics: BryggaMetrics,
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
      answered: (status) => this.metrics.inboundDocuments.inc({ source: 'case-system-push', answer: answerOf(status) }),
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
      answered: (status) => this.metrics.inboundDocuments.inc({ source: 'scheduling-system-push', answer: answerOf(status) }),
    });
  }
}

const ANSWERS: Readonly<Record<number, InboundAnswer>> = { 202: 'accepted', 401: 'unauthorized', 413: 'too-large', 503: 'unavailable' };

/** Every other answer (400, 415) tells the sender its document is refused as sent. */
function answerOf(status: number): InboundAnswer {
  return ANSWERS[status] ?? 'refused';
}
