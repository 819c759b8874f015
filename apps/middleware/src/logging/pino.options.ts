import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type LevelWithSilent, type LoggerOptions } from 'pino';
import type { Options } from 'pino-http';
import { currentRequestId } from '@brygga/queue';
import { requestIdFor } from './request-id.middleware';

export type LogLevelSetting = 'error' | 'warn' | 'log' | 'debug';
export type LogFormat = 'json' | 'pretty';

/** LOG_LEVEL in Nest's words, as pino levels (Nest's `log` is pino's `info`; `verbose` is `trace`, below them all). */
export const PINO_LEVEL: Record<LogLevelSetting, LevelWithSilent> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

/**
 * Redacted wherever they turn up, as a second line of defence: the first is that nothing logs
 * a request, a header set, a body or a vendor's answer at all (the serializers below keep
 * only ids, codes and counts). An axios error carries its request's headers and body in
 * `config`, `request` and `response`.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'body',
  'data',
  'headers',
  '*.authorization',
  '*.cookie',
  '*.body',
  '*.data',
  '*.headers',
  '*.query',
  '*.config',
  '*.request',
  '*.response',
];

/** The only parts of a request a line may hold: the route's pattern, never the URL (its query can carry filters). */
function routeOf(req: IncomingMessage): string {
  const { route, baseUrl } = req as { route?: { path?: unknown }; baseUrl?: unknown };
  // A wildcard is a middleware's mount (nestjs-pino's own), not a route: nothing matched.
  if (typeof route?.path !== 'string' || route.path.includes('*')) return '(no route)';
  return `${typeof baseUrl === 'string' ? baseUrl : ''}${route.path}`;
}

type AccessFields = { method: string; route: string; status: number; durationMs: number };

export function accessFields(req: IncomingMessage, res: ServerResponse, val: { durationMs?: unknown }): AccessFields {
  return { method: req.method ?? '', route: routeOf(req), status: res.statusCode, durationMs: typeof val.durationMs === 'number' ? val.durationMs : 0 };
}

/** Scrapes and probes come every few seconds: their lines are debug, not the day's log. */
const QUIET_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

type Chindings = Record<symbol, string | undefined>;

/**
 * The request id on every line, from libs/queue's request context (an HTTP request, or a job
 * run under the id it was queued with); Nest's Logger calls in libs get it too, as they end
 * here. Not twice: pino-http's request logger already has it bound.
 */
function requestIdMixin(_merge: object, _level: number, logger: unknown): object {
  const requestId = currentRequestId();
  if (!requestId) return {};
  const bound = (logger as Chindings)[pino.symbols.chindingsSym];
  return bound?.includes('"requestId"') ? {} : { requestId };
}

/** An error as type, message, codes and stack: never its enumerable extras (an axios error's config holds headers and body). */
function errorSerializer(error: unknown): object {
  if (!(error instanceof Error)) {
    const message = (error as { message?: unknown } | undefined)?.message;
    return { message: typeof message === 'string' ? message : String(error) };
  }
  const { code, reasonCode } = error as { code?: unknown; reasonCode?: unknown };
  return { type: error.name, message: error.message, ...(typeof code === 'string' && { code }), ...(typeof reasonCode === 'string' && { reasonCode }), stack: error.stack };
}

export interface LoggingSettings {
  level: LogLevelSetting;
  format: LogFormat;
  role: string;
}

/** pino-pretty is a dev dependency: a production install without it logs JSON and says so. */
function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** The one pino configuration of the middleware (see README "Logs" for the line's fields). */
export function pinoOptions(settings: LoggingSettings): { options: LoggerOptions; warning?: string } {
  const pretty = settings.format === 'pretty' && prettyAvailable();
  const options: LoggerOptions = {
    level: PINO_LEVEL[settings.level],
    base: { service: 'brygga', role: settings.role, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: requestIdMixin,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      err: errorSerializer,
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, route: routeOf(req) }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    ...(pretty && { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } }),
  };
  const warning = settings.format === 'pretty' && !pretty ? 'LOG_FORMAT=pretty, but pino-pretty is not installed (a dev dependency): logging JSON' : undefined;
  return { options, warning };
}

/** An access line's level: debug for probes and scrapes, error for 5xx (or a response that failed), else info. */
export function accessLevel(req: IncomingMessage, res: ServerResponse, error?: unknown): 'debug' | 'info' | 'error' {
  return error || res.statusCode >= 500 ? 'error' : QUIET_ROUTES.has(routeOf(req)) ? 'debug' : 'info';
}

export function accessMessage(req: IncomingMessage, res: ServerResponse): string {
  return `${req.method} ${routeOf(req)} ${res.statusCode}`;
}

/**
 * pino-http's own part: one access line per request (method, route pattern, status, duration,
 * request id), at debug for probes and scrapes and error for 5xx; request-scoped lines carry
 * only the request id (quiet loggers: never the request with its URL and headers). Without
 * the logger options, for an instance on an existing logger.
 */
export function accessLogOptions(): Options {
  return {
    genReqId: requestIdFor,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: accessLevel,
    customSuccessObject: (req, res, val) => accessFields(req, res, val),
    customErrorObject: (req, res, _error, val) => accessFields(req, res, val),
    customSuccessMessage: accessMessage,
    customErrorMessage: accessMessage,
  };
}

/** The logger and pino-http options together: one pino-http instance that builds its own logger. */
export function pinoHttpOptions(settings: LoggingSettings): Options {
  return { ...pinoOptions(settings).options, ...accessLogOptions() };
}
