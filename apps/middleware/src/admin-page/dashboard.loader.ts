import { BadRequestException, Injectable } from '@nestjs/common';
import type { AuditPage } from '@brygga/admin-access';
import { AlertsService, type AlertsOverview } from '@brygga/alerts';
import {
  AuditTrailService,
  FailedJobsService,
  type FailedJobsPage,
  type FlowsOverview,
  FlowsService,
  QuarantineService,
  type QuarantinePage,
  type QueueCounts,
  QueueControlService,
  ReconcileService,
  type ReconcileSummary,
  RulesOperationsService,
  type RulesStatus,
  type TenantOverview,
  TenantsService,
} from '@brygga/operations';
import { PAGE_ALERT_EVENTS } from './alerts.view';
import type { ListResult } from './failed-jobs.view';
import type { PageQuery } from './page-query';

/** A page of each list: what the dashboard renders, never more. */
export const PAGE_SIZE = 50;
const AUDIT_ENTRIES = 20;

export interface DashboardData {
  flows: FlowsOverview;
  queues: Record<string, QueueCounts>;
  failed: ListResult<FailedJobsPage>;
  quarantine: ListResult<QuarantinePage>;
  rules: RulesStatus;
  tenants: { windowMinutes: number; tenants: TenantOverview[] };
  audit: AuditPage;
  alerts: AlertsOverview;
  reconcile: ReconcileSummary | undefined;
}

/**
 * Everything the dashboard shows, read through the operations services the admin API uses
 * (the page is another face of the same calls, not a second implementation). Each list
 * reads one page; a filter the services refuse shows its message in that list instead of
 * failing the whole page.
 */
@Injectable()
export class DashboardLoader {
  constructor(
    private readonly flows: FlowsService,
    private readonly queues: QueueControlService,
    private readonly failedJobs: FailedJobsService,
    private readonly quarantined: QuarantineService,
    private readonly rules: RulesOperationsService,
    private readonly tenants: TenantsService,
    private readonly auditTrail: AuditTrailService,
    private readonly alerts: AlertsService,
    private readonly reconcile: ReconcileService,
  ) {}

  async load(state: PageQuery): Promise<DashboardData> {
    const [flows, queues, failed, quarantine, tenants, audit, alerts, reconcile] = await Promise.all([
      this.flows.overview(),
      this.queues.counts(),
      listed(() => this.failedJobs.list({ ...state.failed, limit: PAGE_SIZE })),
      listed(() => this.quarantined.list({ ...state.quarantine, limit: PAGE_SIZE })),
      this.tenants.overview(),
      this.auditTrail.list({ limit: AUDIT_ENTRIES }),
      this.alerts.overview(PAGE_ALERT_EVENTS),
      this.reconcile.lastSummary(),
    ]);
    return { flows, queues, failed, quarantine, rules: this.rules.status(), tenants, audit, alerts, reconcile };
  }
}

// Only a refused filter becomes the list's message (the services' 400s name the parameter); any other error fails the page.
async function listed<T>(read: () => Promise<T>): Promise<ListResult<T>> {
  try {
    return { ok: true, page: await read() };
  } catch (error) {
    if (error instanceof BadRequestException) return { ok: false, problem: error.message };
    throw error;
  }
}
