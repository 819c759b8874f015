import { Inject, Injectable } from '@nestjs/common';
import { BatchRunner } from './batch.service';
import type { RouteMatch } from './contract-routes';
import { fingerprintOf } from './idempotency.ledger';
import { performedVisitsPage } from './performed-visits.feed';
import type { TenantState } from './planning-tool.store';
import type { ApiRequest } from './api-request';
import { invalid, problemResult, type ApiResult } from './problem';
import { RESOURCE_HANDLERS } from './resource-api.handlers';
import { SIM_CONTEXT, type SimContext } from './sim-context';

const WRITES = new Set(['PUT', 'DELETE']);

/**
 * Routes a request by the contract, checks its parameters and body against the
 * contract's schemas, applies Idempotency-Key, and runs the operation. Only successful
 * writes are remembered under their key: a rejected write changed nothing, so its retry
 * is judged afresh (a service order refused because its customer was missing succeeds
 * once the customer exists).
 */
@Injectable()
export class ApiDispatcher {
  constructor(
    @Inject(SIM_CONTEXT) private readonly ctx: SimContext,
    private readonly batch: BatchRunner,
  ) {}

  execute(tenant: TenantState, req: ApiRequest, inBatch = false): ApiResult {
    const match = this.ctx.routes.match(req.path);
    const result = match ? this.run(tenant, req, match, inBatch) : problemResult(404, 'Not found', 'no such path in this API');
    // Direct requests are counted when their response finishes (see planning-tool.simulator.ts).
    if (inBatch) tenant.requests.record(req.method, result.status, match?.route.kind);
    const customerId = match?.params.customerId;
    if (customerId !== undefined && WRITES.has(req.method) && result.status < 300) tenant.confirmations.note(customerId);
    return result;
  }

  private run(tenant: TenantState, req: ApiRequest, match: RouteMatch, inBatch: boolean): ApiResult {
    const { route, params } = match;
    const op = route.operations.get(req.method);
    if (!op) {
      const result = problemResult(405, 'Method not allowed', `${req.method} is not an operation of ${route.template}`);
      result.headers = { Allow: [...route.operations.keys()].join(', ') };
      return result;
    }
    const errors = this.ctx.routes.validateParams(op, { path: params, query: req.query, header: req.headers });
    let body: unknown;
    if (op.bodyPointer) {
      if (req.bodyError) return req.bodyError;
      if (req.body === undefined) errors.push({ field: 'body', message: 'is required' });
      else errors.push(...this.ctx.validator.validate(op.bodyPointer, req.body));
      body = req.body;
    }
    if (errors.length > 0) return invalid(errors);

    if (route.kind === 'batch') {
      if (inBatch) return problemResult(400, 'Invalid request', 'a batch cannot hold a batch');
      return this.batch.run(body, (inner) => this.execute(tenant, inner, true));
    }
    if (route.kind === 'performed-visits') return performedVisitsPage(tenant, req.query);

    const handler = RESOURCE_HANDLERS[`${req.method} ${route.kind}`];
    if (!handler) throw new Error(`no handler for ${req.method} ${route.kind}`);
    const key = req.headers['idempotency-key'];
    if (!WRITES.has(req.method) || typeof key !== 'string') return handler(tenant, params, body);

    const fingerprint = fingerprintOf(req.method, req.path, body);
    const earlier = tenant.idempotency.get(key);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        return invalid([{ field: 'Idempotency-Key', message: 'was used before for a different request' }], 'Idempotency-Key reused with a different request');
      }
      return { status: earlier.status, headers: { 'Idempotent-Replayed': 'true' } };
    }
    const result = handler(tenant, params, body);
    if (result.status < 300) tenant.idempotency.remember(key, { fingerprint, status: result.status });
    return result;
  }
}
