import { Body, Controller, Get, HttpException, NotFoundException, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { adminContextOf, AdminRoleGuard, RequiresRole } from '@brygga/admin-access';
import { type ReconcileRun, ReconcileService } from '@brygga/operations';
import { AdminPageErrorFilter } from './admin-page-error.filter';
import { flashOf } from './flash-messages';
import { html } from './html';
import { seeOther, sendPage } from './page-response';
import { pageLayout } from './page.layout';
import { noReconcileRunView, reconcileInProgress, reconcileRunView, reconcileStartView } from './reconcile.view';

type Form = Record<string, unknown>;

const RECONCILE_PAGE = '/admin/reconcile';
// Each action's refusals as the page's flash codes (401 and 403 are the error filter's): a start's 400 is a scope, a repair's a run not finished.
const START_ERRORS: ReadonlyMap<number, string> = new Map([[400, 'invalid']]);
const REPAIR_ERRORS: ReadonlyMap<number, string> = new Map([
  [400, 'reconcile-not-finished'],
  [404, 'reconcile-run-expired'],
]);

/**
 * The reconciliation page: the last run (or the one a start or repair came back to), its
 * drift item by item, its repairs; for operators and above, the forms that start a run and
 * repair a run's drift. A viewer sees the run and no forms, and its posts are refused (403)
 * by the guard. The same service as the admin API, which audits both actions.
 */
@Controller('admin')
@UseGuards(AdminRoleGuard)
@UseFilters(AdminPageErrorFilter)
@RequiresRole('viewer')
export class ReconcilePageController {
  constructor(private readonly reconcile: ReconcileService) {}

  @Get('reconcile')
  async page(@Req() req: Request, @Res() res: Response, @Query() query: Form): Promise<void> {
    const principal = adminContextOf(req).principal;
    const runId = typeof query.run === 'string' ? query.run : undefined;
    const run: ReconcileRun | undefined = runId === undefined ? await this.reconcile.latest() : await this.reconcile.get(runId).catch(expired);
    const body = html`<main>
<p><a href="/admin">Back to the operations page</a></p>
${run && reconcileInProgress(run) && html`<meta http-equiv="refresh" content="2">`}
${run ? reconcileRunView(run, principal) : noReconcileRunView(runId !== undefined)}
${reconcileStartView(principal)}
</main>`;
    sendPage(res, 200, pageLayout('Reconciliation', body, { principal, flash: flashOf(query) }));
  }

  @Post('actions/reconcile/start')
  @RequiresRole('operator')
  async start(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.answer(res, START_ERRORS, async () => {
      const { runId } = await this.reconcile.start(adminContextOf(req), form.scope);
      return runPage(runId, 'reconcile-started');
    });
  }

  @Post('actions/reconcile/repair')
  @RequiresRole('operator')
  async repair(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    await this.answer(res, REPAIR_ERRORS, async () => {
      const { runId } = await this.reconcile.repair(adminContextOf(req), typeof form.run === 'string' ? form.run : '');
      return runPage(runId, 'reconcile-repair-queued');
    });
  }

  // Back to this page, not the dashboard: a refusal the service names becomes this page's flash code; anything else is the filter's or the app's.
  private async answer(res: Response, errors: ReadonlyMap<number, string>, act: () => Promise<string>): Promise<void> {
    try {
      seeOther(res, await act());
    } catch (error) {
      const code = error instanceof HttpException ? errors.get(error.getStatus()) : undefined;
      if (code === undefined) throw error;
      seeOther(res, `${RECONCILE_PAGE}?${new URLSearchParams({ error: code }).toString()}`);
    }
  }
}

function runPage(runId: string, done: string): string {
  return `${RECONCILE_PAGE}?${new URLSearchParams({ run: runId, done }).toString()}`;
}

// A run asked for by id that is gone (or never was) is said so on the page; Redis down is the app's 500.
function expired(error: unknown): undefined {
  if (error instanceof NotFoundException) return undefined;
  throw error;
}
