import type { Server } from 'node:http';
import type { AddressInfo, ListenOptions } from 'node:net';
import { getHeapStatistics } from 'node:v8';
import { Logger } from '@nestjs/common';
import pino from 'pino';
import { ConfigError, redactConfig } from '@brygga/config';
import { withoutQuotedData } from '@brygga/queue';
import { createMiddlewareApp } from './create-middleware-app';
import { lowerWorkerPriority } from './workers/worker-priority';

/**
 * Connections the kernel holds for the API while it is busy (capped by net.core.somaxconn).
 * Node's default, 511, overflowed under a burst of pushes: the kernel dropped the SYNs and
 * senders waited 1, 3 or 7 s to resend them (13,131 listen overflows in one run of 500
 * pushes a second); held, they are answered as soon as the API gets to them.
 */
const LISTEN_BACKLOG = 4096;

/**
 * How long an idle keep-alive connection stays open (Node's default: 5 s). A sender or a
 * load balancer that reuses a connection the server is closing that moment gets a reset
 * instead of an answer (the bench's senders met 4 to 16 ECONNRESET a run); load balancers
 * keep idle connections to their backends 60 s (AWS ALB) or longer, and the server must
 * outlast them. The headers timeout is kept above it, the order Node's documentation gives.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

async function main(): Promise<void> {
  const { app, config } = await createMiddlewareApp();
  // Before the queue workers start (on listen): no job runs at the API's priority.
  const nicedThreads = lowerWorkerPriority(config.workers.nice);
  // Nest hands this argument to Node's server.listen unchanged, which also takes ListenOptions: the one way to set the backlog (Nest types it as a port).
  const listen: ListenOptions = { port: config.port, backlog: LISTEN_BACKLOG };
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  await app.listen(listen as unknown as number);
  const logger = new Logger('Brygga');
  // The port listened on (PORT=0 picks a free one).
  const port = (server.address() as AddressInfo | null)?.port ?? config.port;
  // The heap limit tells whether NODE_OPTIONS (--max-old-space-size) reached the process: it decides how much garbage V8 lets pile up.
  const heapLimitMiB = Math.round(getHeapStatistics().heap_size_limit / 1048576);
  logger.log({ msg: 'middleware up', port, queuePrefix: config.redis.prefix, heapLimitMiB, ...(nicedThreads > 0 && { nice: config.workers.nice, nicedThreads }) });
  // Secrets are marked on the env class and shown as ***; nothing else in it is personal.
  logger.log({ msg: 'configuration', configuration: { ...redactConfig(config.env), REDIS_URL: withoutPassword(config.env.REDIS_URL) } });
}

function withoutPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** The last line of a process that cannot go on: JSON like every other, written before it exits. */
function fatal(message: string, error?: unknown): never {
  const logged = withoutQuotedData(error);
  const err = logged instanceof Error ? { type: logged.name, message: logged.message, stack: logged.stack } : undefined;
  pino({ base: { service: 'brygga' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, pino.destination({ fd: 2, sync: true })).fatal(
    err ? { err } : {},
    message,
  );
  process.exit(1);
}

// Node would print these raw to stderr (and exit): as a JSON line instead, a quoting parse error withheld.
process.on('uncaughtException', (error) => fatal('uncaught exception', error));
process.on('unhandledRejection', (reason) => fatal('unhandled rejection', reason));

main().catch((error: unknown) => {
  // Boot failures name the variable or the dependency; nothing secret is in them.
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  fatal(`Brygga could not start: ${message}`);
});
