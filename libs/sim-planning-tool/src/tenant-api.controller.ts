import { All, Controller, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerTokenMatches } from '@brygga/config';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiDispatcher } from './api-dispatcher.service';
import { readJsonBody } from './body.reader';
import { FaultsService } from './faults.service';
import { problemResult, sendResult } from './problem';
import { ProblemFilter } from './problem.filter';
import { SIM_CONTEXT, type SimContext } from './sim-context';

const TENANT_PATH = /^\/[^/]+(\/api\/v1\/.*)$/;

/** The contract's API, once per tenant, at `/{tenant}/api/v1/...`. */
@Controller()
@UseFilters(ProblemFilter)
export class TenantApiController {
  constructor(
    @Inject(SIM_CONTEXT) private readonly ctx: SimContext,
    private readonly dispatcher: ApiDispatcher,
    private readonly faults: FaultsService,
  ) {}

  @All(':tenant/api/v1/*rest')
  async handle(@Param('tenant') tenantName: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tenant = this.ctx.store.tenant(tenantName);
    if (!tenant) return sendResult(res, problemResult(404, 'Not found', 'no such tenant'));
    if (!this.authorized(req, tenant.token)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendResult(res, problemResult(401, 'Unauthorized', 'missing or wrong bearer token'));
    }
    const fault = this.faults.take(tenant.name);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status) {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
      return sendResult(res, { ...problemResult(fault.status, 'Injected fault', 'the simulator was told to fail this request'), headers });
    }
    const path = TENANT_PATH.exec(req.path)?.[1] ?? req.path;
    const { body, error } = readJsonBody(req);
    const result = this.dispatcher.execute(tenant, {
      method: req.method,
      path,
      query: req.query as Record<string, unknown>,
      headers: req.headers,
      body,
      bodyError: error,
    });
    sendResult(res, result);
  }

  private authorized(req: Request, token: string): boolean {
    return bearerTokenMatches(req.headers.authorization, token);
  }
}
