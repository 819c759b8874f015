import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { adminContextOf, AdminRoleGuard, RequiresRole } from '@brygga/admin-access';
import { JOURNAL_BUSINESS_KEYS, type JournalBusinessKey, JournalQueryService, TimelineService } from '@brygga/journal';
import { AdminPageErrorFilter } from './admin-page-error.filter';
import { html } from './html';
import { sendPage } from './page-response';
import { pageLayout } from './page.layout';
import { journalEntriesView } from './timeline.view';

type Form = Record<string, unknown>;

/**
 * The page's journal: a person's timeline (POST, the number in the body; the answer is a
 * page of its own, not a redirect, so the number never reaches a URL) and the journal by a
 * business key (GET). A viewer may read both; the timeline service audits every read. A
 * refused value goes back to the page as `?error=invalid` (AdminPageErrorFilter), never echoed.
 */
@Controller('admin')
@UseGuards(AdminRoleGuard)
@UseFilters(AdminPageErrorFilter)
@RequiresRole('viewer')
export class TimelinePageController {
  constructor(
    private readonly timelines: TimelineService,
    private readonly journal: JournalQueryService,
  ) {}

  @Post('timeline')
  @HttpCode(200)
  async timeline(@Req() req: Request, @Res() res: Response, @Body() form: Form): Promise<void> {
    const admin = adminContextOf(req);
    const found = await this.timelines.read(admin, { identityNumber: optional(form.identityNumber), employmentNumber: optional(form.employmentNumber) });
    const title = `Timeline of person ${found.personKey} (${found.entries.length} entries${found.cut ? ', the oldest shown' : ''})`;
    sendPage(res, 200, pageLayout('Timeline', journalEntriesView(title, found.entries), { principal: admin.principal }));
  }

  @Get('journal')
  async byKey(@Req() req: Request, @Res() res: Response, @Query() query: Form): Promise<void> {
    const key = optional(query.key);
    if (!JOURNAL_BUSINESS_KEYS.includes(key as JournalBusinessKey)) throw new BadRequestException(`key must be one of ${JOURNAL_BUSINESS_KEYS.join(', ')}`);
    const page = await this.journal.page({ [key as JournalBusinessKey]: optional(query.value) ?? '', cursor: optional(query.cursor), limit: 200 });
    const next = page.next && html`<p class="pager"><a href="/admin/journal?${new URLSearchParams({ key: page.key, value: page.value, cursor: page.next }).toString()}">Later entries</a></p>`;
    sendPage(res, 200, pageLayout('Journal', journalEntriesView(`Journal of ${page.key} ${page.value}`, page.entries, next || undefined), { principal: adminContextOf(req).principal }));
  }
}

// Form fields are strings; anything else (a repeated field arrives as an array) is no value, which the services refuse by name.
function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
