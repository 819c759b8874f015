import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AssignmentIntake } from '@brygga/interventions';
import { BRYGGA_METRICS, type BryggaMetrics, type InboundAnswer } from '@brygga/metrics';
import { ScheduleIntake } from '@brygga/schedules';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { acceptXmlPush, type XmlPush } from './inbound-http';
import { PushParsePool } from './push-parse.pool';
import type { PushParse, PushParsed, PushSystem } from './push-parsers';

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
    return this.accept(req, res, 'case-system', this.config.inbound.caseSystemToken, (bytes, parsed) => this.assignments.receiveDocument(bytes, parsed, 'push'));
  }

  @Post('scheduling-system')
  schedulingSystem(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.accept(req, res, 'scheduling-system', this.config.inbound.schedulingSystemToken, (bytes, order) => this.schedules.receiveDocument(bytes, order, 'push'));
  }

  private accept<S extends PushSystem>(req: Request, res: Response, system: S, token: string, store: XmlPush<ParsedBy<S>>['store']): Promise<void> {
    return acceptXmlPush(req, res, {
      system,
      token,
      maxBytes: this.config.inbound.maxBytes,
      // The same type for each concrete system; TypeScript cannot see it through a generic S.
      parse: (bytes) => this.parser.parse(system, bytes) as Promise<PushParse<ParsedBy<S>>>,
      store,
      logger: this.logger,
      answered: (status) => this.metrics.inboundDocuments.inc({ source: `${system}-push`, answer: answerOf(status) }),
    });
  }
}

/** What a system's parser hands its intake. */
type ParsedBy<S extends PushSystem> = PushParsed<S> extends PushParse<infer T> ? T : never;

const ANSWERS: Readonly<Record<number, InboundAnswer>> = { 202: 'accepted', 401: 'unauthorized', 413: 'too-large', 503: 'unavailable' };

/** Every other answer (400, 415) tells the sender its document is refused as sent. */
function answerOf(status: number): InboundAnswer {
  return ANSWERS[status] ?? 'refused';
}
