import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DocumentRejectedError, ParsedExport, parseUppdragsexport } from '@brygga/case-system';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { InterventionsFlow } from '../flows/interventions.flow';
import { acceptXmlPush, PushParse } from './inbound-http';

/** The case system's push (`POST /inbound/case-system`). */
@Controller('inbound')
export class CaseSystemInboundController {
  private readonly logger = new Logger('Inbound');

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly flow: InterventionsFlow,
  ) {}

  @Post('case-system')
  receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    return acceptXmlPush(req, res, {
      system: 'case-system',
      token: this.config.inbound.caseSystemToken,
      maxBytes: this.config.inbound.maxBytes,
      parse: parseExport,
      store: (bytes, parsed) => this.flow.receiveDocument(bytes, parsed, 'push'),
      logger: this.logger,
    });
  }
}

/** Refuses whole-document problems only: a bad assignment inside is quarantined, not refused. */
function parseExport(bytes: Buffer): PushParse<ParsedExport> {
  try {
    return { ok: true, parsed: parseUppdragsexport(bytes) };
  } catch (error) {
    if (error instanceof DocumentRejectedError) return { ok: false, rejection: error.message };
    throw error;
  }
}
