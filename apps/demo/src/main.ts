import { loadMappingRules } from '@brygga/config';
import { busy, Counters, DemoClient, sleep } from './demo-client';
import { checkPlanningMatchesCaseSystem } from './planning-consistency.check';

/**
 * The demonstration `npm run demo` runs once everything is up: generate the demo
 * municipality, watch it sync, publish the rosters, then keep changes flowing.
 * Prints counts and ids only; never a person's data.
 */
const env = process.env;
const client = new DemoClient(
  {
    middleware: env.DEMO_MIDDLEWARE_URL ?? 'http://127.0.0.1:3000',
    caseSystem: env.DEMO_CASE_SYSTEM_URL ?? 'http://127.0.0.1:4010',
    planningTool: env.DEMO_PLANNING_TOOL_URL ?? 'http://127.0.0.1:4020',
    schedulingSystem: env.DEMO_SCHEDULING_SYSTEM_URL ?? 'http://127.0.0.1:4030',
  },
  // Reading counters needs only the viewer role.
  env.DEMO_ADMIN_TOKEN ?? 'viewer-demo-token',
);
const CLIENTS = Number(env.DEMO_CLIENTS ?? 2100);
const CHURN_EVERY_MS = 15_000;
const FEED_TOKEN = env.CASE_SYSTEM_TOKEN ?? 'case-feed-demo-token';
const RULES_FILE = env.MAPPING_RULES_FILE ?? 'config/mapping-rules.yaml';

const n = (c: Counters | undefined, k: string) => c?.[k] ?? 0;
const stamp = () => new Date().toISOString().slice(11, 19);

function quarantineByReason(c: Counters): string {
  const reasons = Object.entries(c).filter(([k]) => k.startsWith('quarantined:'));
  return reasons.length === 0 ? 'none' : reasons.map(([k, v]) => `${v} × ${k.slice('quarantined:'.length)}`).join('; ');
}

async function syncInterventions(): Promise<void> {
  console.log(`[demo] generating the demo municipality: ${CLIENTS} clients (seed 1) in the case system simulator`);
  const generated = await client.generateMunicipality(CLIENTS, 1);
  const sw = generated.switches;
  console.log(`[demo] case system holds ${generated.assignments} assignments for ${generated.clients} clients; Brygga pulls them from the change feed`);
  console.log(`[demo] ${sw.total} clients are switching provider (two assignments): ${sw.withinTenant} within kommunen, ${sw.acrossTenants} across tenants, ${sw.notServed} to or from a provider not served`);
  const started = Date.now();
  let quietSince = 0;
  for (;;) {
    await sleep(1000);
    const s = await client.stats();
    const i = s.interventions;
    const done = n(i, 'applied') + n(i, 'deleted') + n(i, 'skippedStale') + n(i, 'skippedSuperseded') + n(i, 'notServed') + n(i, 'quarantined') + n(i, 'failed');
    console.log(`[${stamp()}] assignments received ${n(i, 'received')}, done ${done}, applied ${n(i, 'applied')}, queued ${busy(s)}, service orders written ${n(i, 'serviceOrdersWritten')}`);
    quietSince = n(i, 'received') >= generated.assignments && busy(s) === 0 ? quietSince || Date.now() : 0;
    if (quietSince && Date.now() - quietSince > 1500) break;
  }
  const s = await client.stats();
  const i = s.interventions;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const failedJobs = Object.values(s.queues).reduce((t, q) => t + (q.failed ?? 0), 0);
  console.log('\n[demo] ===== interventions: summary =====');
  console.log(`  assignments applied        ${n(i, 'applied')}`);
  console.log(`  skipped as stale           ${n(i, 'skippedStale') + n(i, 'skippedSuperseded')}`);
  console.log(`  not served (other provider) ${n(i, 'notServed')}`);
  console.log(`  quarantined                ${n(i, 'quarantined')} (${quarantineByReason(i)})`);
  console.log(`  failed jobs                ${failedJobs}`);
  console.log(`  customers written          ${n(i, 'customersWritten')}`);
  console.log(`  service orders written     ${n(i, 'serviceOrdersWritten')}`);
  console.log(`  seconds taken              ${seconds}`);
  console.log(`  planning tool now holds    ${JSON.stringify(await client.planningCounts())}\n`);
  await checkConsistency('after the full sync');
}

/**
 * Reads the case system's whole feed and the planning tool's whole state and compares
 * them as the contract says they must relate (one customer per client and tenant, the
 * union of its assignments' orders): the proof that nothing was lost or left over.
 */
async function checkConsistency(when: string): Promise<void> {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const check = () => checkPlanningMatchesCaseSystem(client.urls, FEED_TOKEN, loadMappingRules(RULES_FILE), today);
  let report = await check();
  // The feed may hold changes the poller has not pulled yet: a lag settles within a few polls, a real difference stays.
  for (let attempt = 1; attempt <= 5 && report.differences.length > 0; attempt++) {
    await sleep(3000);
    if (busy(await client.stats()) === 0) report = await check();
  }
  const verdict = report.differences.length === 0 ? 'matches' : `DIFFERS in ${report.differences.length} place(s)`;
  console.log(`[${stamp()}] planning tool ${verdict} the case system ${when}: ${report.assignments} assignments → ${report.customers} customers, ${report.serviceOrders} service orders (${report.quarantined} quarantined, left out)`);
  for (const d of report.differences.slice(0, 10)) console.log(`  ${d.tenant} ${d.ref}: ${d.what}${d.detail ? ` (${d.detail})` : ''}`);
}

/** Every kind the case simulator reports, zero included, so that switches are visible even in a round without one. */
const CHURN_KINDS = ['extent', 'added', 'withdrawn', 'ended', 'annulled', 'switched'] as const;

function churnLine(kinds: Counters): string {
  const known = CHURN_KINDS.map((k) => `${k} ${n(kinds, k)}`);
  const other = Object.entries(kinds).filter(([k]) => k !== 'total' && !(CHURN_KINDS as readonly string[]).includes(k));
  return `${[...known, ...other.map(([k, v]) => `${k} ${v}`)].join(', ')} (${n(kinds, 'total')} changes)`;
}

async function syncSchedules(): Promise<void> {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  console.log(`[demo] generating rosters for every demo unit, ${today} + 28 days, and publishing them to Brygga`);
  await client.generateRosters(1, today, 28);
  const started = Date.now();
  const published = await client.publishRosters(env.SCHEDULING_SYSTEM_INBOUND_TOKEN ?? 'schedule-push-demo-token');
  console.log(`[demo] published: ${published.map((p) => `${p.unitId} rev ${p.revision} → ${p.status}`).join(', ')}`);
  for (;;) {
    await sleep(1000);
    const s = await client.stats();
    const c = s.schedules ?? {};
    console.log(`[${stamp()}] rosters applied ${n(c, 'applied')}, staff written ${n(c, 'staffWritten')}, days written ${n(c, 'daysWritten')}, queued ${busy(s)}`);
    if (busy(s) === 0) break;
  }
  const c = (await client.stats()).schedules ?? {};
  console.log('\n[demo] ===== schedules: summary =====');
  console.log(`  rosters applied            ${n(c, 'applied')}`);
  console.log(`  skipped as stale           ${n(c, 'skippedStale')}`);
  console.log(`  units not served           ${n(c, 'notServed')}`);
  console.log(`  employees quarantined      ${n(c, 'quarantined')} (${quarantineByReason(c)})`);
  console.log(`  staff written              ${n(c, 'staffWritten')}`);
  console.log(`  staff days written         ${n(c, 'daysWritten')}`);
  console.log(`  seconds taken              ${((Date.now() - started) / 1000).toFixed(1)}\n`);
}

async function keepChanging(): Promise<never> {
  console.log(`[demo] from now on: ${25} changes in the case system every ${CHURN_EVERY_MS / 1000} s, pulled from the feed. Ctrl-C stops everything.`);
  for (;;) {
    await sleep(CHURN_EVERY_MS);
    const kinds = await client.churn(25);
    await sleep(8000);
    const i = (await client.stats()).interventions;
    console.log(`[${stamp()}] churn ${churnLine(kinds)} → applied ${n(i, 'applied')}, deleted ${n(i, 'deleted')}, stale ${n(i, 'skippedStale')}, quarantined ${n(i, 'quarantined')}`);
    if (busy(await client.stats()) === 0) await checkConsistency('after this churn');
  }
}

/** Where to look now: the operations page and how to sign in (the documented demo tokens; production refuses them). */
function printOperationsPage(): void {
  // localhost rather than 127.0.0.1: what a person types; the session cookie is set for the host the browser used.
  const page = new URL('/admin', client.urls.middleware).toString().replace('//127.0.0.1:', '//localhost:');
  console.log('\n[demo] ===== operations =====');
  console.log(`  operations page            ${page}`);
  console.log('  sign in with the token     viewer-demo-token (reads; operator-demo-token and admin-demo-token may also act)');
  console.log(`  queue dashboard            ${page}/queues (after signing in)`);
  console.log(`  admin API and its OpenAPI  ${page}/api, ${page}/docs\n`);
}

async function main(): Promise<void> {
  await client.waitHealthy();
  console.log('[demo] middleware, Redis and the three simulators are up and healthy');
  await syncInterventions();
  await syncSchedules();
  printOperationsPage();
  await keepChanging();
}

main().catch((error: unknown) => {
  console.error(`[demo] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
