import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DocumentRejectedError, parseUppdragsexport } from '@brygga/case-system';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { InterventionsFlow } from '../flows/interventions.flow';
import { assertBearer, assertXmlContentType, InboundHttpError, readRawBody, sendProblem } from './inbound-http';

/**
 * The case system's push. 202 only once the raw document is in Redis; anything else
 * tells the sender to retry (5xx) or to fix the document (4xx).
 */
@Controller('inbound')
export class CaseSystemInboundController {
  private readonly logger = new Logger('Inbound');

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly flow: InterventionsFlow,
  ) {}

  @Post('case-system')
  async receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      assertBearer(req, this.config.inbound.caseSystemToken);
      assertXmlContentType(req);
      const bytes = await readRawBody(req, this.config.inbound.maxBytes);
      try {
        parseUppdragsexport(bytes);
      } catch (error) {
        if (error instanceof DocumentRejectedError) throw new InboundHttpError(400, 'Bad Request', error.message);
        throw error;
      }
      const documentId = await this.flow.receiveDocument(bytes, 'push');
      this.logger.log(`case-system document ${documentId} accepted (${bytes.length} bytes)`);
      res.status(202).json({ documentId });
    } catch (error) {
      if (error instanceof InboundHttpError) return sendProblem(res, error);
      this.logger.error(`case-system document not accepted: ${(error as Error).message}`);
      sendProblem(res, new InboundHttpError(503, 'Service Unavailable', 'the document could not be stored; retry'));
    }
  }
}
