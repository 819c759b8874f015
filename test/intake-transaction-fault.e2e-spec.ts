import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB_IDS, QueueName } from '@brygga/queue';
import { CapturingLogger } from './support/captured-processes';
import { drained, eventually, flowCounters, harnessPerSpecFile, TODAY, TOKENS, VIEWER } from './support/e2e-harness';
import { addPerson, emptyPersonalData, LogLineScanner } from './support/log-line.scanner';
import { customersOf, example, golden, goldenView, normalise } from './support/planning-state';
import { scheduleExample } from './support/schedule-variants';
import { goldenStaffView, requestCounts, staffView } from './support/staff-state';

const ASSIGNMENT = 'UPP-2026-0417';
const MARTA = '19380412-5676';

/** Everyone the two example documents name: none of it may be in an answer or a log line. */
function personalData(): LogLineScanner {
  const data = emptyPersonalData();
  addPerson(data, { identityNumber: MARTA, firstName: 'Märta', lastName: 'Öberg', address: { street: 'Storgatan 12 B', postalCode: '903 26', city: 'Umeå', doorCode: '4711' }, phone: '090-123456' });
  addPerson(data, { firstName: 'Leila', lastName: 'Haddad' });
  addPerson(data, { firstName: 'Jonas', lastName: 'Nilsson' });
  return new LogLineScanner(data);
}

/**
 * A command failing inside an inbound push's one transaction (document, versions, job,
 * counters, journal): the journal's stream made a string, so its script fails with WRONGTYPE
 * in EXEC. Redis runs the transaction's other commands all the same (no rollback): the
 * document, the versions and the job are kept although the push answered 503. The sender's
 * resend, once the key is fixed, must then end exactly as one clean push would.
 */
describe('a command failing inside the inbound transaction: 503, and the resend ends exact (real middleware, Redis, simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  const log = new CapturingLogger();
  const scanner = personalData();
  const queues: Queue[] = [];

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
  });

  const journalStream = () => `${h.prefix}:data:journal:stream`;
  const breakJournal = () => h.redis.set(journalStream(), 'not-a-stream');
  const fixJournal = () => h.redis.del(journalStream());

  /** The in-process apps log through Nest's one global logger; `logger: false` turned it off, this turns it on into `log`. */
  function captureLogs(): void {
    Logger.overrideLogger(log);
  }

  async function freshStack(env: NodeJS.ProcessEnv = {}): Promise<void> {
    await h.fresh({ ...TODAY, ...env });
    log.lines.length = 0;
    captureLogs();
  }

  async function push(system: 'case-system' | 'scheduling-system', body: Buffer): Promise<{ status: number; data: Record<string, unknown> }> {
    const token = system === 'case-system' ? TOKENS.caseInbound : TOKENS.scheduleInbound;
    const res = await h.http.post(`${h.middleware}/inbound/${system}`, body, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d });
    return { status: res.status, data: res.data };
  }

  /** What one clean push sends the planning tool, on a stack of its own (each case then starts another). */
  async function cleanPushRequests(system: 'case-system' | 'scheduling-system', body: Buffer): Promise<Record<string, number>> {
    await freshStack();
    expect((await push(system, body)).status).toBe(202);
    await drained(h);
    return requestCounts(h, 'kommunen');
  }

  /** The raw documents stored under the stack's prefix (their ids). */
  async function storedDocuments(): Promise<string[]> {
    const base = `${h.prefix}:data:doc:`;
    const ids: string[] = [];
    let cursor = '0';
    // SCAN, not KEYS: the Redis is shared, and KEYS would hold it for the whole keyspace at once.
    do {
      const [next, keys] = await h.redis.scan(cursor, 'MATCH', `${base}*`, 'COUNT', 1000);
      cursor = next;
      ids.push(...keys.filter((k) => !k.endsWith(':meta')).map((k) => k.slice(base.length)));
    } while (cursor !== '0');
    return ids.sort();
  }

  function queue(name: QueueName): Queue {
    const q = new Queue(name, { connection: h.redis, prefix: h.prefix });
    queues.push(q);
    return q;
  }

  /** The 503 as the sender sees it, and the log line that goes with it; neither names anyone. */
  async function expectRefused(system: 'case-system' | 'scheduling-system', body: Buffer): Promise<void> {
    const refused = await push(system, body);
    expect(refused.status).toBe(503);
    expect(refused.data).toMatchObject({ status: 503, title: 'Service Unavailable', detail: 'the document could not be stored; retry' });
    expect(scanner.hits(JSON.stringify(refused.data))).toEqual([]);
    const notStored = log.lines.filter((l) => l.includes(`${system} document not stored`));
    expect(notStored).toHaveLength(1);
    expect(notStored[0]).toMatch(/^error .*Inbound.* document not stored: .*WRONGTYPE/);
  }

  /** The assignment's journal entries, oldest first, as [kind, documentId]. */
  async function assignmentJournal(): Promise<Array<[string, string | undefined]>> {
    const res = await h.http.get(`${h.middleware}/admin/api/journal`, { headers: VIEWER, params: { assignmentId: ASSIGNMENT } });
    expect(res.status).toBe(200);
    return (res.data.entries as Array<{ kind: string; refs: { documentId?: string } }>).map((e) => [e.kind, e.refs.documentId]);
  }

  function expectNoPersonalDataLogged(): void {
    expect(log.lines.flatMap((line) => scanner.hits(line).map((hit) => `${hit} in: ${line.slice(0, 120)}`))).toEqual([]);
  }

  it('case system, its job run while the fault lasts: 503, the resend 202, the customer applied once and the job run once', async () => {
    const body = example('uppdrag-ny.xml');
    const clean = await cleanPushRequests('case-system', body);
    await freshStack();
    await breakJournal();
    await expectRefused('case-system', body);

    // No rollback: the first attempt's document, version and job were kept, and the worker ran the job at once.
    await drained(h);
    const [firstDocument] = await storedDocuments();
    expect(await storedDocuments()).toEqual([firstDocument]);
    expect(Object.keys(await customersOf(h, 'kommunen'))).toEqual([MARTA]);
    // Its journal entries were refused like the intake's, and logged (the journal does not fail work): what the journal misses.
    await eventually(async () => (log.lines.some((l) => /could not journal assignment\.applied/.test(l)) ? true : undefined), "the job's journal entry refused");

    await fixJournal();
    const accepted = await push('case-system', body);
    expect(accepted.status).toBe(202);
    await drained(h);

    expect(await goldenView(h, 'kommunen')).toEqual(normalise(golden('after-uppdrag-ny.json').tenants.kommunen.customers));
    expect(await requestCounts(h, 'kommunen')).toEqual(clean);
    const job = await queue(QueueName.Assignments).getJob(JOB_IDS.assignmentApply(ASSIGNMENT, 1));
    expect([await job?.getState(), job?.attemptsMade, job?.data.documentId]).toEqual(['completed', 1, firstDocument]);
    expect((await queue(QueueName.Assignments).getJobCounts('completed', 'failed', 'waiting', 'delayed')).completed).toBe(1);
    // `received` counts deliveries (as a plain duplicate's), `applied` what ran: the resend's job was the first one, not queued again.
    expect(await flowCounters(h, 'interventions')).toMatchObject({ received: 2, applied: 1 });
    expect((await flowCounters(h, 'interventions')).skippedStale).toBeUndefined();
    expect((await storedDocuments()).sort()).toEqual([firstDocument, String(accepted.data.documentId)].sort());
    // The journal still refused writes when the job ran: the resend's entry is all it holds (the job's were logged above, and counted).
    expect(await assignmentJournal()).toEqual([['assignment.stored', accepted.data.documentId]]);
    expectNoPersonalDataLogged();
  });

  it('case system, no worker until after the resend: the resend dedupes onto the first job, applied once, the journal whole', async () => {
    const body = example('uppdrag-ny.xml');
    const clean = await cleanPushRequests('case-system', body);
    await freshStack({ ROLE: 'api' });
    await breakJournal();
    await expectRefused('case-system', body);
    await fixJournal();
    const accepted = await push('case-system', body);
    expect(accepted.status).toBe(202);

    const assignments = queue(QueueName.Assignments);
    expect(await assignments.getJobCounts('waiting', 'delayed', 'prioritized')).toEqual({ waiting: 1, delayed: 0, prioritized: 0 });
    const [firstDocument] = (await storedDocuments()).filter((id) => id !== accepted.data.documentId);
    expect((await assignments.getJob(JOB_IDS.assignmentApply(ASSIGNMENT, 1)))?.data.documentId).toBe(firstDocument);

    await h.startAnother({ ...TODAY, ROLE: 'worker' });
    captureLogs();
    await drained(h);
    expect(await goldenView(h, 'kommunen')).toEqual(normalise(golden('after-uppdrag-ny.json').tenants.kommunen.customers));
    expect(await requestCounts(h, 'kommunen')).toEqual(clean);
    expect(await assignments.getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
    expect(await flowCounters(h, 'interventions')).toMatchObject({ received: 2, applied: 1 });
    // The resend's entries, then the job's; the refused push left none (its job names its document, which the journal never saw).
    expect(await assignmentJournal()).toEqual([
      ['assignment.stored', accepted.data.documentId],
      ['planning.write', firstDocument],
      ['assignment.applied', firstDocument],
    ]);
    expectNoPersonalDataLogged();
  });

  it('scheduling system, its job run while the fault lasts: 503, the resend 202 and skipped as stale, the roster written once', async () => {
    const body = scheduleExample('schedule-norr1.xml');
    const clean = await cleanPushRequests('scheduling-system', body);
    await freshStack();
    await breakJournal();
    await expectRefused('scheduling-system', body);
    await drained(h);
    const [firstDocument] = await storedDocuments();
    expect(await staffView(h, 'kommunen')).toEqual(goldenStaffView(golden('after-schedule-norr1.json').tenants.kommunen.staff));

    await fixJournal();
    const accepted = await push('scheduling-system', body);
    expect(accepted.status).toBe(202);
    await drained(h);

    expect(await staffView(h, 'kommunen')).toEqual(goldenStaffView(golden('after-schedule-norr1.json').tenants.kommunen.staff));
    expect(await requestCounts(h, 'kommunen')).toEqual(clean);
    // One job per stored export: the refused push's applied the roster, the resend's (the same revision) found it spoken for.
    const documents = queue(QueueName.ScheduleDocuments);
    expect(await documents.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 0 });
    expect(await (await documents.getJob(JOB_IDS.scheduleDocumentApply(firstDocument)))?.getState()).toBe('completed');
    expect(await flowCounters(h, 'schedules')).toMatchObject({ applied: 1, skippedStale: 1 });
    expectNoPersonalDataLogged();
  });
});
