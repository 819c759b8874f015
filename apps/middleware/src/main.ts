import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import pino from 'pino';
import { ConfigError, redactConfig } from '@brygga/config';
import { createMiddlewareApp } from './create-middleware-app';

async function main(): Promise<void> {
  const { app, config } = await createMiddlewareApp();
  await app.listen(config.port);
  const logger = new Logger('Brygga');
  // The port listened on (PORT=0 picks a free one).
  const port = (app.getHttpServer().address() as AddressInfo | null)?.port ?? config.port;
  logger.log({ msg: 'middleware up', port, queuePrefix: config.redis.prefix });
  // Secrets are marked on the env class and shown as ***; nothing else in it is personal.
  logger.log({ msg: 'configuration', configuration: { ...redactConfig(config.env), REDIS_URL: withoutPassword(config.env.REDIS_URL) } });
}

function withoutPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch((error: unknown) => {
  // Boot failures name the variable or the dependency; nothing secret is in them. One JSON
  // line like every other (the configured logger may not exist yet: the config was refused).
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  pino({ base: { service: 'brygga' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, pino.destination({ fd: 2, sync: true })).fatal(
    `Brygga could not start: ${message}`,
  );
  process.exit(1);
});
