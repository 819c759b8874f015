import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { contractsDir } from '@brygga/config';
import { PlanningToolSimModule } from './planning-tool-sim.module';
import { problemResult, sendResult } from './problem';
import { ProblemFilter } from './problem.filter';
import { createSimContext, SIM_CONTEXT, type SimContext } from './sim-context';

/** The contract's limit: bodies larger than 1 MiB are refused with 413. */
export const MAX_BODY_BYTES = 1048576;

export interface PlanningToolSimulatorOptions {
  /** Tenant name -> bearer token. */
  tenants: Record<string, string>;
  /** Defaults to the contracts folder's `planning-tool/openapi.yaml`. */
  openApiPath?: string;
  /** Nest's logger; default: warnings and errors only. */
  logger?: false | LoggerService;
  /** Idempotency-Keys remembered per tenant before the oldest are forgotten; default 100 000. */
  idempotencyKeysPerTenant?: number;
}

/** The demo tenants, with tokens from the environment where set. */
export function planningToolTenantsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    kommunen: env.PLANNING_TOKEN_KOMMUNEN ?? 'kommunen-token',
    omsorgshuset: env.PLANNING_TOKEN_OMSORGSHUSET ?? 'omsorgshuset-token',
  };
}

const TENANT_WRITE = /^\/([^/]+)(\/api\/v1\/[^?]*)/;

/** Counts every request to a tenant's API once it is answered, so 413s and injected faults count too. */
function requestCounter(ctx: SimContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const m = TENANT_WRITE.exec(req.originalUrl);
    if (m) {
      res.on('finish', () => {
        let name: string;
        try {
          name = decodeURIComponent(m[1]);
        } catch {
          return;
        }
        ctx.store.tenant(name)?.requests.record(req.method, res.statusCode, ctx.routes.match(m[2])?.route.kind);
      });
    }
    next();
  };
}

/** body-parser's failures as Problems instead of Express's HTML error page. */
function bodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const e = err as { status?: unknown; type?: unknown };
  if (e.status === 413 || e.type === 'entity.too.large') {
    return sendResult(res, problemResult(413, 'Payload too large', `the body is over ${MAX_BODY_BYTES} bytes`));
  }
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? 400 : 500;
  sendResult(res, problemResult(status, status === 400 ? 'Invalid request' : 'Internal error', 'the body could not be read'));
}

/**
 * A strict in-memory planning tool (planning-tool/openapi.yaml), created but not
 * listening: the caller runs `app.listen(port)`. Nest's body parser is off; every
 * body is read raw under the 1 MiB cap and parsed by the simulator, so limits and
 * errors answer as the contract says.
 */
export async function createPlanningToolSimulator(options: PlanningToolSimulatorOptions): Promise<INestApplication> {
  const context = createSimContext(
    options.openApiPath ?? join(contractsDir(), 'planning-tool/openapi.yaml'),
    options.tenants,
    options.idempotencyKeysPerTenant ?? 100_000,
  );
  const appModule = { module: PlanningToolSimModule, providers: [{ provide: SIM_CONTEXT, useValue: context }] };
  const app = await NestFactory.create<NestExpressApplication>(appModule, {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn'],
  });
  app.use(requestCounter(context));
  app.use(raw({ type: () => true, limit: MAX_BODY_BYTES }));
  app.use(bodyErrors);
  app.useGlobalFilters(new ProblemFilter());
  return app;
}
