import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseScheduleExport, ScheduleRejectedError } from '@brygga/scheduling-system';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { SchedulesFlow } from '../flows/schedules.flow';
import { assertBearer, assertXmlContentType, InboundHttpError, readRawBody, sendProblem } from './inbound-http';

/**
 * The scheduling system's push. 202 only once the raw export is in Redis; anything
 * else tells the sender to retry (5xx) or to fix the document (4xx).
 */
@Controller('inbound')
export class SchedulingSystemInboundController {
  private readonly logger = new Logger('Inbound');

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly flow: SchedulesFlow,
  ) {}

  @Post('scheduling-system')
  async receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      assertBearer(req, this.config.inbound.schedulingSystemToken);
      assertXmlContentType(req);
      const bytes = await readRawBody(req, this.config.inbound.maxBytes);
      try {
        parseScheduleExport(bytes);
      } catch (error) {
        if (error instanceof ScheduleRejectedError) throw new InboundHttpError(400, 'Bad Request', error.reason);
        throw error;
      }
      const documentId = await this.flow.receiveDocument(bytes, 'push');
      this.logger.log(`scheduling-system document ${documentId} accepted (${bytes.length} bytes)`);
      res.status(202).json({ documentId });
    } catch (error) {
      if (error instanceof InboundHttpError) return sendProblem(res, error);
      this.logger.error(`scheduling-system document not accepted: ${(error as Error).message}`);
      sendProblem(res, new InboundHttpError(503, 'Service Unavailable', 'the document could not be stored; retry'));
    }
  }
}
