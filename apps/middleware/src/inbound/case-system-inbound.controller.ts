import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { AssignmentIntake } from '@brygga/interventions';
import { acceptXmlPush } from './inbound-http';
import { PushParsePool } from './push-parse.pool';

/** The case system's push (`POST /inbound/case-system`). */
@Controller('inbound')
export class CaseSystemInboundController {
  private readonly logger = new Logger('Inbound');

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly flow: AssignmentIntake,
    private readonly parser: PushParsePool,
  ) {}

  @Post('case-system')
  receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    return acceptXmlPush(req, res, {
      system: 'case-system',
      token: this.config.inbound.caseSystemToken,
      maxBytes: this.config.inbound.maxBytes,
      parse: (bytes) => this.parser.parse('case-system', bytes),
      store: (bytes, parsed) => this.flow.receiveDocument(bytes, parsed, 'push'),
      logger: this.logger,
    });
  }
}

