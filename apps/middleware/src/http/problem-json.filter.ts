import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { withoutQuotedData } from '@brygga/queue';

export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail?: string;
}

/** An RFC 9457 problem: the title is the status's own phrase, the detail says why in words. */
export function problemOf(status: number, detail?: string): Problem {
  const phrase = HttpStatus[status] ?? 'Error';
  const title = phrase.toLowerCase().split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  return { type: 'about:blank', title, status, ...(detail && { detail }) };
}

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type('application/problem+json').json(problem);
}

/**
 * Every error of every route as application/problem+json, the shape the inbound
 * endpoints always had. An unexpected error says nothing of itself to the client (its
 * message might carry a document's content); it is logged by name and message only.
 */
@Catch()
export class ProblemJsonFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    // A body the JSON parser refused: its message quotes the body, which may name a person.
    if (isBodyParseFailure(error)) {
      sendProblem(res, problemOf(400, 'the body is not valid JSON (the parser’s message is withheld: it quotes the body)'));
      return;
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
      sendProblem(res, problemOf(error.getStatus(), detail));
      return;
    }
    const logged = withoutQuotedData(error);
    this.logger.error(`unexpected ${logged instanceof Error ? logged.name : typeof logged}: ${logged instanceof Error ? logged.message : ''}`);
    sendProblem(res, problemOf(500, 'an unexpected error; the middleware logged it'));
  }
}

function isBodyParseFailure(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  if (error instanceof HttpException && error.cause instanceof SyntaxError) return true;
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.parse.failed';
}
