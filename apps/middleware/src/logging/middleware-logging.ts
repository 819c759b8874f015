import { type DynamicModule, Module } from '@nestjs/common';
import { Logger as PinoNestLogger, LoggerModule, type Params, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { type LoggingSettings, pinoHttpOptions, pinoOptions } from './pino.options';

@Module({})
class LoggedAppModule {}

export interface MiddlewareLogging {
  /** Nest's logger over pino, for what is logged before the app exists (the rules' load). */
  nestLogger: PinoNestLogger;
  /** The app's root module with nestjs-pino's module (pino-http on every route) beside it. */
  around(root: DynamicModule): DynamicModule;
  /** Said once the logger is in place (e.g. LOG_FORMAT=pretty without pino-pretty). */
  warning?: string;
}

/**
 * The middleware's logging: nestjs-pino, one JSON line per event. The logger made here and
 * the module's are one pino instance (nestjs-pino keeps a single root per process, built by
 * whichever asks first), so lines before and after the app share format and destination.
 */
export function middlewareLogging(settings: LoggingSettings, destination?: DestinationStream): MiddlewareLogging {
  const options = pinoHttpOptions(settings);
  const params: Params = { pinoHttp: destination ? [options, destination] : options };
  const nestLogger = new PinoNestLogger(new PinoLogger(params), params);
  return {
    nestLogger,
    warning: pinoOptions(settings).warning,
    around: (root) => ({ module: LoggedAppModule, imports: [LoggerModule.forRoot(params), root] }),
  };
}
