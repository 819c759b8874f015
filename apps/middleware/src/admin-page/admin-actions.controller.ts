import { Body, Controller, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { adminContextOf, AdminRoleGuard, RequiresRole } from '@brygga/admin-access';
import { FailedJobsService, QuarantineService, QueueControlService, RulesOperationsService } from '@brygga/operations';
import { AdminPageErrorFilter } from './admin-page-error.filter';
import { pageQueryFromBack, pageUrl } from './page-query';
import { seeOther } from './page-response';

type Form = Record<string, unknown>;

/**
 * The page's buttons: each a form posting here, behind the same guard and roles as the
 * admin API, calling the same operations services (which audit every action), then 303
 * back to the page with the filters it came from and a flash code. A failure the services
 * name (400, 404, 409) comes back as an error code the same way (AdminPageErrorFilter).
 */
@Controller('admin/actions')
@UseGuards(AdminRoleGuard)
@UseFilters(AdminPageErrorFilter)
@RequiresRole('operator')
export class AdminActionsController {
  constructor(
    private readonly queues: QueueControlService,
    private readonly failedJobs: FailedJobsService,
    private readonly quarantine: QuarantineService,
    private readonly rules: RulesOperationsService,
  ) {}

  @Post('jobs/redrive')
  async redrive(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.failedJobs.redriveOne(adminContextOf(req), text(form.queue), text(form.jobId));
    back(res, form, 'redriven');
  }

  @Post('jobs/redrive-matching')
  async redriveMatching(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.failedJobs.redriveMatching(adminContextOf(req), { queue: optional(form.queue), flow: optional(form.flow), reason: optional(form.reason), olderThanMinutes: minutes(form.olderThanMinutes), newerThanMinutes: minutes(form.newerThanMinutes) });
    back(res, form, 'redriven-matching');
  }

  @Post('jobs/discard')
  async discard(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.failedJobs.discard(adminContextOf(req), text(form.queue), text(form.jobId), text(form.reason).trim());
    back(res, form, 'discarded');
  }

  @Post('quarantine/requeue')
  async requeue(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.quarantine.requeueOne(adminContextOf(req), text(form.flow), text(form.id));
    back(res, form, 'requeued');
  }

  @Post('quarantine/requeue-matching')
  async requeueMatching(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.quarantine.requeueMatching(adminContextOf(req), { flow: optional(form.flow), reason: optional(form.reason), olderThanMinutes: minutes(form.olderThanMinutes), newerThanMinutes: minutes(form.newerThanMinutes) });
    back(res, form, 'requeued-matching');
  }

  @Post('queues/pause')
  async pause(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.queues.pause(adminContextOf(req), text(form.queue));
    back(res, form, 'paused');
  }

  @Post('queues/resume')
  async resume(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.queues.resume(adminContextOf(req), text(form.queue));
    back(res, form, 'resumed');
  }

  @Post('rules/reload')
  @RequiresRole('admin')
  async reloadRules(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    const { outcome } = await this.rules.reload(adminContextOf(req));
    // A refused file is an outcome, not an exception: the rules in force stay.
    seeOther(res, pageUrl(pageQueryFromBack(form.back), outcome === 'refused' ? { error: 'rules-refused' } : { done: `rules-${outcome}` }));
  }
}

function back(res: Response, form: Form, done: string): void {
  seeOther(res, pageUrl(pageQueryFromBack(form.back), { done }));
}

// Form fields are strings; anything else (a repeated field arrives as an array) is no value, which the services refuse by name.
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function minutes(value: unknown): number | undefined {
  const v = optional(value);
  return v === undefined ? undefined : Number(v);
}
