import { Body, Controller, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { adminContextOf, AdminRoleGuard, RequiresRole } from '@brygga/admin-access';
import { MaintenanceService } from '@brygga/operations';
import { AdminPageErrorFilter } from './admin-page-error.filter';
import { pageQueryFromBack, pageUrl } from './page-query';
import { seeOther } from './page-response';

type Form = Record<string, unknown>;

/** The page's maintenance buttons (admin): the same service and audit as the admin API, then 303 back with a flash code. */
@Controller('admin/actions/maintenance')
@UseGuards(AdminRoleGuard)
@UseFilters(AdminPageErrorFilter)
@RequiresRole('admin')
export class MaintenanceActionsController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Post('start')
  async start(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.maintenance.start(adminContextOf(req), text(form.tenant), { from: text(form.from).trim(), until: text(form.until).trim(), reason: text(form.reason).trim() });
    seeOther(res, pageUrl(pageQueryFromBack(form.back), { done: 'maintenance-started' }));
  }

  @Post('end')
  async end(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.maintenance.end(adminContextOf(req), text(form.tenant), text(form.id));
    seeOther(res, pageUrl(pageQueryFromBack(form.back), { done: 'maintenance-ended' }));
  }
}

// A repeated field arrives as an array: no value, which the service refuses by name.
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
