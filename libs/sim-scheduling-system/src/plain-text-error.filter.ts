import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Errors go out as a one-line text reason, like the real system's. Unexpected errors
 * say nothing more than that: their messages may carry roster content.
 */
@Catch()
export class PlainTextErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('SchedulingSystemSim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).type('text/plain').send(reasonOf(exception));
      return;
    }
    this.logger.error(`unexpected ${exception instanceof Error ? exception.name : typeof exception}`);
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).type('text/plain').send('internal error');
  }
}

function reasonOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}
