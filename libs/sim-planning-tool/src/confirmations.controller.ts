import { Controller, Get, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { invalid, problemResult, sendResult } from './problem';
import { ProblemFilter } from './problem.filter';
import { SIM_CONTEXT, type SimContext } from './sim-context';

/**
 * `GET /_sim/{tenant}/confirmations?since=<epoch ms>`, read-only, outside the contract:
 * how many customers and service orders the tenant holds, and for each customer whose last
 * accepted write (PUT or DELETE of the customer or a service order, alone or in a batch) was
 * at or after `since` (default 0), that write's time in epoch milliseconds. The benchmark
 * times push -> confirmed with it.
 *
 * ```json
 * { "customers": 2, "serviceOrders": 3, "lastWriteAt": { "C-1": 1764460800123 } }
 * ```
 */
@Controller('_sim')
@UseFilters(ProblemFilter)
export class ConfirmationsController {
  constructor(@Inject(SIM_CONTEXT) private readonly ctx: SimContext) {}

  @Get(':tenant/confirmations')
  confirmations(@Param('tenant') name: string, @Query('since') since: unknown, @Res() res: Response): void {
    const tenant = this.ctx.store.tenant(name);
    if (!tenant) return sendResult(res, problemResult(404, 'Not found', 'no such tenant'));
    const from = since === undefined ? 0 : typeof since === 'string' && /^\d{1,15}$/.test(since) ? Number(since) : undefined;
    if (from === undefined) return sendResult(res, invalid([{ field: 'since', message: 'must be epoch milliseconds (digits only)' }]));
    let serviceOrders = 0;
    for (const record of tenant.customers.values()) serviceOrders += record.serviceOrders.size;
    sendResult(res, { status: 200, body: { customers: tenant.customers.size, serviceOrders, lastWriteAt: tenant.confirmations.since(from) } });
  }
}
