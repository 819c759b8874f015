import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { Logger as PinoNestLogger, LoggerModule, type Params, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { pinoHttp } from 'pino-http';
import { accessLogOptions, type LoggingSettings, pinoHttpOptions, pinoOptions } from './pino.options';

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
  // nestjs-pino's middleware only binds the request's logger; the access line is accessLog's.
  const options = { ...pinoHttpOptions(settings), autoLogging: false };
  const params: Params = { pinoHttp: destination ? [options, destination] : options };
  const nestLogger = new PinoNestLogger(new PinoLogger(params), params);
  const accessLog = pinoHttp({ ...accessLogOptions(), logger: PinoLogger.root });
  return {
    nestLogger,
    accessLog: (req, res, next) => accessLog(req, res, next),
    warning: pinoOptions(settings).warning,
    around: (root) => ({ module: LoggedAppModule, imports: [LoggerModule.forRoot(params), root] }),
  };
}
