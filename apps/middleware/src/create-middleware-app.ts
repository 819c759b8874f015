import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import { json, urlencoded } from 'express';
import { readXmlLimits, validateEnv } from '@brygga/config';
import { configureXmlLimits } from '@brygga/xml-intake';
import { setupAdminApiDocs } from './admin/admin-api.docs';
import { AppModule } from './app.module';
import { ProblemJsonFilter } from './http/problem-json.filter';
import { MiddlewareConfig, toMiddlewareConfig } from './config/middleware.config';
import { MiddlewareEnv } from './config/middleware.env';
import { RulesService } from './infrastructure/rules.service';
import { middlewareLogging } from './logging/middleware-logging';
import { requestIdMiddleware } from './logging/request-id.middleware';

/** A rules file's text in a rules tools body, beside the document (the shipped file is under 6 kB). */
const RULES_TEXT_MAX_BYTES = 1024 * 1024;

/** Builds (does not start listening) the middleware from an env; used by main and by e2e tests. */
export async function createMiddlewareApp(
  processEnv: NodeJS.ProcessEnv = process.env,
  options: { logger?: false } = {},
): Promise<{ app: INestApplication; config: MiddlewareConfig }> {
  const config = toMiddlewareConfig(validateEnv(MiddlewareEnv, processEnv));
  // The XML intake's limits are one setting of the process (every parser reads them).
  configureXmlLimits(readXmlLimits(processEnv));
  // JSON lines through nestjs-pino (`logger: false`, for tests, silences everything).
  const logging = options.logger === false ? undefined : middlewareLogging({ level: config.env.LOG_LEVEL, format: config.env.LOG_FORMAT, role: config.role });
  const logger = logging?.nestLogger ?? false;
  // Nest's logger is process-wide; set here, it also covers what is logged before the app exists.
  Logger.overrideLogger(logger);
  if (logging?.warning) Logger.warn(logging.warning, 'Logging');
  // The rules and each tenant's token are checked before anything connects: a missing token stops the boot at once.
  const rules = RulesService.create(config, processEnv);
  let app: INestApplication;
  try {
    const root = AppModule.forConfig(config, rules);
    app = await NestFactory.create(logging ? logging.around(root) : root, {
      logger,
      // Inbound documents are read raw by their own controllers, with their own limits.
      bodyParser: false,
      abortOnError: false,
    });
  } catch (error) {
    rules.onApplicationShutdown();
    throw error;
  }
  // Before every other middleware: the request id in, out, and around the request; its access line.
  app.use(requestIdMiddleware);
  if (logging) app.use(logging.accessLog);
  // Only the admin API takes JSON bodies (small ones), and the operations page's forms.
  // The rules tools take a rules file and a document (the size an inbound document may have) in one body.
  app.use('/admin/api/rules', json({ limit: config.inbound.maxBytes + RULES_TEXT_MAX_BYTES }));
  app.use('/admin', json({ limit: '16kb' }), urlencoded({ extended: false, limit: '16kb' }));
  // The operations page's session cookie (and bull-board's, the same one) is read from here.
  app.use('/admin', cookieParser());
  if (config.runsApi) setupAdminApiDocs(app);
  app.useGlobalFilters(new ProblemJsonFilter());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return { app, config };
}
