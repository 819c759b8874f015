import type { AdminPrincipal } from '@brygga/admin-access';
import { ALL_QUEUES } from '@brygga/queue';
import { alertsView } from './alerts.view';
import { auditView } from './audit.view';
import type { DashboardData } from './dashboard.loader';
import { failedJobsView } from './failed-jobs.view';
import { flowsView } from './flows.view';
import { type Html, html } from './html';
import { type Flash, pageLayout } from './page.layout';
import { type PageQuery, pageQueryString } from './page-query';
import { quarantineView } from './quarantine.view';
import { queuesView } from './queues.view';
import { reconcileSummaryView } from './reconcile.view';
import { rulesView, tenantsView } from './rules-tenants.view';
import { tenantIsolationView } from './tenant-isolation.view';
import { timelineSearchView } from './timeline.view';

/** The signed-in page: every section, buttons by role, every action coming back to this state. */
export function dashboardView(data: DashboardData, state: PageQuery, principal: AdminPrincipal, flash?: Flash): Html {
  const back = pageQueryString(state).replace(/^\?/, '');
  const flows = Object.keys(data.flows.flows).sort();
  return pageLayout(
    'Operations',
    html`<main>
${timelineSearchView()}
${alertsView(data.alerts)}
${flowsView(data.flows)}
${queuesView(data.queues, principal, back)}
${failedJobsView(data.failed, state, { queues: ALL_QUEUES, flows }, principal, back)}
${quarantineView(data.quarantine, state, flows, principal, back)}
${rulesView(data.rules, principal, back)}
${reconcileSummaryView(data.reconcile)}
${tenantsView(data.tenants)}
${tenantIsolationView(data.tenants.tenants, principal, back)}
${auditView(data.audit)}
</main>`,
    { principal, flash },
  );
}
