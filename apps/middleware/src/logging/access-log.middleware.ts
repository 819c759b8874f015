import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { accessFields, accessLevel, accessMessage } from './pino.options';

/**
 * The access line of every request: the same line pino-http wrote with `accessLogOptions`
 * (the request id bound, then method, route pattern, status, duration; its level by
 * `accessLevel`), without what pino-http does for every request whatever the level: two
 * child loggers, one of them serializing the whole request, and the line's fields built
 * for a level that drops it. At LOG_LEVEL=warn a 202 costs two listeners here. Mounted
 * after the request id middleware (`req.id` is set); lines logged inside the request get
 * the id from the request context (pino.options.ts's mixin).
 */
export function accessLogMiddleware(logger: Logger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const started = Date.now();
    const done = (error?: unknown): void => {
      res.removeListener('close', done);
      res.removeListener('finish', done);
      res.removeListener('error', done);
      const level = accessLevel(req, res, error);
      if (!logger.isLevelEnabled(level)) return;
      logger.child({ requestId: (req as { id?: unknown }).id })[level](accessFields(req, res, { durationMs: Date.now() - started }), accessMessage(req, res));
    };
    res.on('close', done);
    res.on('finish', done);
    res.on('error', done);
    next();
  };
}
