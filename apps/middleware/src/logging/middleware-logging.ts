import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { Logger as PinoNestLogger, LoggerModule, type Params, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { accessLogMiddleware } from './access-log.middleware';
import { type LoggingSettings, pinoHttpOptions, pinoOptions } from './pino.options';

@Module({})
class LoggedAppModule {}

export interface MiddlewareLogging {
  /** Nest's logger over pino, for what is logged before the app exists (the rules' load). */
  nestLogger: PinoNestLogger;
  /** The app's root module with nestjs-pino's module (each request's logger, for Nest's Logger calls) beside it. */
  around(root: DynamicModule): DynamicModule;
  /**
   * The access line of every request, mounted with `app.use` before any other middleware:
   * nestjs-pino mounts its own at init, after them, so a request a body parser refused
   * would otherwise leave no line.
   */
  accessLog: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  /** Said once the logger is in place (e.g. LOG_FORMAT=pretty without pino-pretty). */
  warning?: string;
}

/**
 * The middleware's logging: nestjs-pino, one JSON line per event. The logger made here and
 * the module's are one pino instance (nestjs-pino keeps a single root per process, built by
 * whichever asks first), so lines before and after the app share format and destination.
 */
export function middlewareLogging(settings: LoggingSettings, destination?: DestinationStream): MiddlewareLogging {
  // nestjs-pino's middleware would only bind a child logger with the request id to each
  // request (two child loggers, one serializing the request, then an async-context run, on
  // every request whatever the level): mounted for no route, lines logged within a request go
  // to the root logger, whose mixin adds the request id from the request context. The
  // access line is accessLog's.
  const options = { ...pinoHttpOptions(settings), autoLogging: false };
  const params: Params = { pinoHttp: destination ? [options, destination] : options, forRoutes: [] };
  const nestLogger = new PinoNestLogger(new PinoLogger(params), params);
  const accessLog = accessLogMiddleware(PinoLogger.root);
  return {
    nestLogger,
    accessLog,
    warning: pinoOptions(settings).warning,
    around: (root) => ({ module: LoggedAppModule, imports: [LoggerModule.forRoot(params), root] }),
  };
}
