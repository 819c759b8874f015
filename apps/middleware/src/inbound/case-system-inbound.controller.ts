import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DocumentRejectedError, parseUppdragsexport } from '@brygga/case-system';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { InterventionsFlow } from '../flows/interventions.flow';
import { acceptXmlPush } from './inbound-http';

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
      rejection: uppdragsexportRejection,
      store: (bytes) => this.flow.receiveDocument(bytes, 'push'),
      logger: this.logger,
    });
  }
}

/** Whole-document problems only: a bad assignment inside is quarantined later, not refused here. */
function uppdragsexportRejection(bytes: Buffer): string | undefined {
  try {
    parseUppdragsexport(bytes);
    return undefined;
  } catch (error) {
    if (error instanceof DocumentRejectedError) return error.message;
    throw error;
  }
}
