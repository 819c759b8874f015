import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AdminRequestAuthenticator } from '@brygga/admin-access';
import { DashboardLoader } from './dashboard.loader';
import { dashboardView } from './dashboard.view';
import { flashOf } from './flash-messages';
import { pageQueryOf } from './page-query';
import { sendPage } from './page-response';
import { PAGE_CSS } from './page.styles';
import { signInView } from './sign-in.view';

/**
 * `GET /admin`: the sign-in form without a session, the dashboard with one. Not behind
 * AdminRoleGuard on purpose: a visitor without a session gets the form, not a 401.
 */
@Controller('admin')
export class AdminPageController {
  constructor(
    private readonly authenticator: AdminRequestAuthenticator,
    private readonly dashboard: DashboardLoader,
  ) {}

  @Get()
  async page(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const auth = await this.authenticator.authenticate(req);
    const flash = flashOf(query);
    if (!auth.ok) return sendPage(res, 200, signInView(flash));
    const state = pageQueryOf(query);
    sendPage(res, 200, dashboardView(await this.dashboard.load(state), state, auth.principal, flash));
  }

  @Get('assets/page.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @Header('X-Content-Type-Options', 'nosniff')
  css(): string {
    return PAGE_CSS;
  }
}
