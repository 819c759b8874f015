import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { problemResult, sendResult } from './problem';

/**
 * Nest's own errors (unknown route, a bug) as contract Problems instead of Nest's default body.
 * Not the middleware's ProblemJsonFilter, though both catch the same errors: this answers as
 * the vendor's contract does (a Problem without `type`, sent as application/json, a route
 * unknown titled "Not found"), and the simulator must not drift when the middleware's does.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('PlanningToolSimulator');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const title = status === 404 ? 'Not found' : exception.message;
      return sendResult(res, problemResult(status, title));
    }
    // The error's name only: its message could quote a request body.
    const where = exception instanceof Error ? (exception.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
    this.logger.error(`unexpected ${exception instanceof Error ? exception.name : typeof exception}`, where);
    sendResult(res, problemResult(500, 'Internal error'));
  }
}
