import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { html } from './html';
import { pageLayout } from './page.layout';
import { pageQueryFromBack, pageUrl } from './page-query';
import { seeOther, sendPage } from './page-response';

// The services' refusals, as the flash codes the page knows.
const ERROR_CODE_OF_STATUS: ReadonlyMap<number, string> = new Map([
  [400, 'invalid'],
  [404, 'not-found'],
  [409, 'conflict'],
]);

/**
 * A page action's failure as the page shows it, not as problem+json (that is for API
 * clients): a session that ended goes back to the sign-in; a role too weak or another
 * origin gets a short page saying so; a refusal the services name (400, 404, 409) goes back
 * to the page with its code. An error that is not an HttpException (Redis down) is not
 * caught here: the app's filter answers it as a 500 and logs it, never hidden behind a flash.
 */
@Catch(HttpException)
export class AdminPageErrorFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const status = exception.getStatus();
    const state = pageQueryFromBack((req.body as Record<string, unknown> | undefined)?.back);
    if (status === 401) return seeOther(res, pageUrl(state, { error: 'session-ended' }));
    if (status === 403) {
      return sendPage(res, 403, pageLayout('Not allowed', html`<main><section class="wide"><h2>Not allowed</h2><p>${exception.message}</p><p><a href="${pageUrl(state)}">Back to the operations page</a></p></section></main>`));
    }
    seeOther(res, pageUrl(state, { error: ERROR_CODE_OF_STATUS.get(status) ?? 'failed' }));
  }
}
