import { Body, Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ADMIN_SESSION_COOKIE,
  ADMIN_SESSION_SETTINGS,
  adminSessionCookie,
  type AdminSessionSettings,
  AdminRequestAuthenticator,
  attachAdminContext,
  AuditLogStore,
  clearedAdminSessionCookie,
  requestCameFromThisHost,
} from '@brygga/admin-access';
import { signInView } from './sign-in.view';
import { seeOther, sendPage } from './page-response';

/**
 * Signing in and out of the operations page. The token arrives in a form's body (a
 * password field), is checked against the configured hashes and dropped; the browser gets
 * a session cookie holding a random id. Sign-ins and sign-outs are audited: they say which
 * token was used when, without the token.
 */
@Controller('admin/session')
export class AdminSessionController {
  private readonly logger = new Logger('AdminPage');

  constructor(
    private readonly authenticator: AdminRequestAuthenticator,
    @Inject(ADMIN_SESSION_SETTINGS) private readonly settings: AdminSessionSettings,
    private readonly audit: AuditLogStore,
  ) {}

  @Post()
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    // No cookie protects a sign-in (there is none yet): a form elsewhere could sign a browser into someone else's session.
    if (!requestCameFromThisHost(req)) return sendPage(res, 403, signInView({ kind: 'error', text: 'Sign in from this page itself.' }));
    const token = tokenOf(body);
    const started = token === undefined ? undefined : await this.authenticator.signIn(token);
    if (!started) {
      this.logger.warn('admin sign-in refused: not a configured admin token');
      return sendPage(res, 401, signInView({ kind: 'error', text: 'That is not a configured admin token. Check it and try again.' }));
    }
    // A session this browser already had ends here: one browser, one session, and an id someone planted in it is worthless.
    await this.authenticator.signOut(req);
    const { principal, session } = started;
    const { requestId } = attachAdminContext(req, principal);
    await this.audit.append({ tokenName: principal.name, role: principal.role, action: 'session.sign-in', outcome: 'ok', requestId });
    res.cookie(ADMIN_SESSION_COOKIE, session.id, adminSessionCookie(this.settings));
    seeOther(res, '/admin');
  }

  @Post('end')
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    const auth = await this.authenticator.authenticate(req);
    // Another site cannot sign a user out either.
    if (!auth.ok && auth.problem === 'cross-origin') return sendPage(res, 403, signInView({ kind: 'error', text: 'Sign out from this page itself.' }));
    if (auth.ok && auth.via === 'session') {
      await this.authenticator.signOut(req);
      const { requestId } = attachAdminContext(req, auth.principal);
      await this.audit.append({ tokenName: auth.principal.name, role: auth.principal.role, action: 'session.sign-out', outcome: 'ok', requestId });
    }
    res.clearCookie(ADMIN_SESSION_COOKIE, clearedAdminSessionCookie(this.settings));
    seeOther(res, '/admin?done=signed-out');
  }
}

// The form's one field; a missing, repeated (an array) or empty one is no token.
function tokenOf(body: unknown): string | undefined {
  const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).token : undefined;
  return typeof token === 'string' && token.trim() !== '' ? token : undefined;
}
