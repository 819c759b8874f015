import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { readJsonBody } from './body.reader';
import { FaultsService } from './faults.service';
import { pointer } from './openapi-validator';
import type { PerformedVisit } from './performed-visit.types';
import { reportGeneratedVisits, reportVisits } from './performed-visits.feed';
import type { TenantState } from './planning-tool.store';
import { invalid, problemResult, sendResult, type ApiResult, type FieldError } from './problem';
import { ProblemFilter } from './problem.filter';
import { SIM_CONTEXT, type SimContext } from './sim-context';

const isDate = (s: string): boolean => DateTime.fromFormat(s, 'yyyy-MM-dd').isValid;

/**
 * The simulator's control API, outside the contract and without auth, for tests and
 * demos:
 * - `GET /_sim/{tenant}/state`: every customer (with its service orders) and staff member (with its days)
 * - `GET /_sim/{tenant}/requests`: write counts, see RequestCounts
 * - `GET /_sim/{tenant}/confirmations?since=`: when each customer's last write was accepted (confirmations.controller.ts)
 * - `DELETE /_sim/{tenant}`, `DELETE /_sim`: reset one tenant or all (state, counts, idempotency keys, visits)
 * - `POST /_sim/faults` `{tenant?, status?, count, retryAfter?, delayMs?}`, `GET /_sim/faults`, `DELETE /_sim/faults`
 * - `POST /_sim/{tenant}/visits/generate` `{date}`: report one day's visits generated from the service orders
 * - `POST /_sim/{tenant}/visits` `{visits: PerformedVisit[]}`: report these visits (checked by the contract's schema)
 */
@Controller('_sim')
@UseFilters(ProblemFilter)
export class ControlController {
  constructor(
    @Inject(SIM_CONTEXT) private readonly ctx: SimContext,
    private readonly faults: FaultsService,
  ) {}

  @Post('faults')
  armFault(@Req() req: Request, @Res() res: Response): void {
    const { body, error } = readJsonBody(req);
    if (error) return sendResult(res, error);
    const errors = this.faults.arm(body, this.ctx.store.names());
    if (errors.length > 0) return sendResult(res, invalid(errors));
    sendResult(res, { status: 201, body: { pending: this.faults.pending() } });
  }

  @Get('faults')
  pendingFaults(): { pending: unknown[] } {
    return { pending: this.faults.pending() };
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }

  @Delete()
  @HttpCode(204)
  resetAll(): void {
    this.ctx.store.resetAll();
  }

  @Delete(':tenant')
  resetTenant(@Param('tenant') name: string, @Res() res: Response): void {
    this.withTenant(name, res, (t) => {
      t.reset();
      return { status: 204 };
    });
  }

  @Get(':tenant/state')
  state(@Param('tenant') name: string, @Res() res: Response): void {
    this.withTenant(name, res, (t) => ({ status: 200, body: t.snapshot() }));
  }

  @Get(':tenant/requests')
  requests(@Param('tenant') name: string, @Res() res: Response): void {
    this.withTenant(name, res, (t) => ({ status: 200, body: t.requests.snapshot() }));
  }

  @Post(':tenant/visits/generate')
  generateVisits(@Param('tenant') name: string, @Req() req: Request, @Res() res: Response): void {
    this.withTenantBody(name, req, res, (t, body) => {
      const date = (body as { date?: unknown } | undefined)?.date;
      if (typeof date !== 'string' || !isDate(date) || Object.keys(body as object).length !== 1) {
        return invalid([{ field: 'date', message: 'must be the only property, a date YYYY-MM-DD' }]);
      }
      const generated = reportGeneratedVisits(t, date);
      return { status: 200, body: { generated, total: t.visits.length } };
    });
  }

  @Post(':tenant/visits')
  reportVisits(@Param('tenant') name: string, @Req() req: Request, @Res() res: Response): void {
    this.withTenantBody(name, req, res, (t, body) => {
      const visits = (body as { visits?: unknown } | undefined)?.visits;
      if (!Array.isArray(visits)) return invalid([{ field: 'visits', message: 'must be an array of PerformedVisit' }]);
      const errors: FieldError[] = visits.flatMap((v, i) =>
        this.ctx.validator.validate(pointer('components', 'schemas', 'PerformedVisit'), v, `visits.${i}`),
      );
      if (errors.length > 0) return invalid(errors);
      const added = reportVisits(t, visits as PerformedVisit[]);
      return { status: 200, body: { added, total: t.visits.length } };
    });
  }

  private withTenant(name: string, res: Response, run: (t: TenantState) => ApiResult): void {
    const tenant = this.ctx.store.tenant(name);
    sendResult(res, tenant ? run(tenant) : problemResult(404, 'Not found', 'no such tenant'));
  }

  /** The tenant is checked before the body, so an unknown tenant is a 404 whatever was sent. */
  private withTenantBody(name: string, req: Request, res: Response, run: (t: TenantState, body: unknown) => ApiResult): void {
    this.withTenant(name, res, (t) => {
      const { body, error } = readJsonBody(req);
      return error ?? run(t, body);
    });
  }
}
