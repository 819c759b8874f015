import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerTokenMatches } from '@brygga/config';
import { stockholmTimestamp } from './calendar';
import { CASE_SYSTEM_SIM_OPTIONS, ResolvedSimOptions } from './case-system-sim.options';
import { CaseSystemStore, renderEntry } from './case-system.store';
import { encodeExport } from './export-document.writer';
import { FeedFaults } from './feed-faults.service';

export const DEFAULT_MAX = 500;
export const MAX_MAX = 5000;

const NON_NEGATIVE_INTEGER = /^\d{1,15}$/;

/** The change feed, strictly as the contract states it: anything else is a 4xx with a reason. */
@Controller('api/uppdrag')
export class FeedController {
  constructor(
    private readonly store: CaseSystemStore,
    private readonly faults: FeedFaults,
    @Inject(CASE_SYSTEM_SIM_OPTIONS) private readonly options: ResolvedSimOptions,
  ) {}

  @Get('andringar')
  andringar(@Req() req: Request, @Res() res: Response): void {
    if (!bearerTokenMatches(req.headers.authorization, this.options.feedToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendText(res, 401, 'missing or wrong bearer token');
    }
    const fault = this.faults.take();
    if (fault) {
      if (fault.status === 429) res.setHeader('Retry-After', String(fault.retryAfter ?? 1));
      if (fault.status === 503 && fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
      return sendText(res, fault.status, fault.status === 429 ? 'too many requests' : 'maintenance window');
    }
    const efter = req.query.efter;
    if (typeof efter !== 'string' || !NON_NEGATIVE_INTEGER.test(efter)) {
      return sendText(res, 400, 'efter is required and must be a non-negative integer');
    }
    const rawMax = req.query.max;
    let max = DEFAULT_MAX;
    if (rawMax !== undefined) {
      if (typeof rawMax !== 'string' || !NON_NEGATIVE_INTEGER.test(rawMax) || Number(rawMax) < 1 || Number(rawMax) > MAX_MAX) {
        return sendText(res, 400, `max must be an integer from 1 to ${MAX_MAX}`);
      }
      max = Number(rawMax);
    }
    const page = this.store.feed(Number(efter), max);
    const header = { skapad: stockholmTimestamp(this.options.now()), sekvens: page.sekvens, kalla: this.options.kalla };
    const body = encodeExport(header, page.entries.map(renderEntry), 'UTF-8');
    res.status(200).setHeader('Content-Type', 'application/xml; charset=UTF-8');
    res.end(body);
  }
}

function sendText(res: Response, status: number, reason: string): void {
  res.status(status).setHeader('Content-Type', 'text/plain; charset=UTF-8');
  res.end(reason);
}
