import { Body, Controller, Get, HttpException, Post, Query, Req, Res, UploadedFile, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { adminContextOf, AdminRoleGuard, RequiresRole } from '@brygga/admin-access';
import { RulesToolsService } from '@brygga/operations';
import { AdminPageErrorFilter } from './admin-page-error.filter';
import { flashOf } from './flash-messages';
import { html } from './html';
import { seeOther, sendPage } from './page-response';
import { pageLayout } from './page.layout';
import { candidateFormView, refusedCandidateView, replayRunView, versionsView } from './rules-tools.view';

type Form = Record<string, unknown>;

/** What multer hands over of an uploaded file (memory storage): its bytes. */
interface UploadedRulesFile {
  buffer: Buffer;
}

/** A rules file is a few kilobytes; an upload over this is refused by multer before it is read. */
const UPLOAD_MAX_BYTES = 1024 * 1024;
const RULES_PAGE = '/admin/rules';
// The services' refusals as the page's flash codes (401 and 403 are the error filter's).
const ERROR_OF_STATUS: ReadonlyMap<number, string> = new Map([
  [400, 'invalid'],
  [404, 'rules-run-expired'],
  [409, 'rules-apply-refused'],
]);

/**
 * The rules page (admin): paste or upload a candidate, see what its replay over the store
 * would change, apply it; the versions applied, each with a button to apply it again. The
 * same services as the admin API (audited there). A refused candidate is answered with
 * its problems on the page itself (the loader's words, as at boot), never through a URL.
 */
@Controller('admin')
@UseGuards(AdminRoleGuard)
@UseFilters(AdminPageErrorFilter)
@RequiresRole('admin')
export class RulesPageController {
  constructor(private readonly tools: RulesToolsService) {}

  @Get('rules')
  async page(@Req() req: Request, @Res() res: Response, @Query() query: Form): Promise<void> {
    const runId = typeof query.run === 'string' ? query.run : undefined;
    const run = runId === undefined ? undefined : await this.tools.run(runId).catch(() => undefined);
    const { inForce, versions } = await this.tools.listVersions();
    const running = run !== undefined && (run.status === 'queued' || run.status === 'running');
    const body = html`<main>
<p><a href="/admin">Back to the operations page</a></p>
${running && html`<meta http-equiv="refresh" content="2">`}
${runId !== undefined && run === undefined && html`<p class="flash error">That replay run is no longer kept (runs are kept a day): replay the candidate again.</p>`}
${run && replayRunView(run)}
${candidateFormView()}
${versionsView(inForce, versions)}
</main>`;
    sendPage(res, 200, pageLayout('Mapping rules', body, { principal: adminContextOf(req).principal, flash: flashOf(query) }));
  }

  @Post('actions/rules/replay')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 } }))
  async replay(@Req() req: Request, @Res() res: Response, @Body() form: Form, @UploadedFile() file?: UploadedRulesFile): Promise<void> {
    const text = file && file.buffer.length > 0 ? file.buffer.toString('utf8') : form.rules;
    try {
      const runId = await this.tools.replayRun(adminContextOf(req), text);
      seeOther(res, `${RULES_PAGE}?${new URLSearchParams({ run: runId }).toString()}`);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() !== 400) throw error;
      const { inForce, versions } = await this.tools.listVersions();
      const body = html`<main><p><a href="/admin">Back to the operations page</a></p>${refusedCandidateView(error.message)}${candidateFormView()}${versionsView(inForce, versions)}</main>`;
      sendPage(res, 400, pageLayout('Mapping rules', body, { principal: adminContextOf(req).principal }));
    }
  }

  @Post('actions/rules/apply')
  async apply(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    const admin = adminContextOf(req);
    try {
      const applied = typeof form.version === 'string' ? await this.tools.apply(admin, { version: form.version }) : await this.tools.applyRun(admin, typeof form.run === 'string' ? form.run : '');
      seeOther(res, `${RULES_PAGE}?done=${applied.outcome === 'applied' ? 'rules-applied' : 'rules-apply-unchanged'}`);
    } catch (error) {
      const code = error instanceof HttpException ? ERROR_OF_STATUS.get(error.getStatus()) : undefined;
      if (code === undefined) throw error;
      seeOther(res, `${RULES_PAGE}?error=${code}`);
    }
  }
}
