import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { drained, harnessPerSpecFile, TODAY, TOKENS } from './support/e2e-harness';
import { customersOf } from './support/planning-state';
import { exportOf, personnummer, uppdrag } from './support/uppdrag-variants';

const GOOD_RULES = readFileSync('config/mapping-rules.yaml', 'utf8');
const PH25_RULES = GOOD_RULES.replace(/(\n {2}PH:\n(?: {4}.*\n)*? {4}standardMinutes:) 20\n/, '$1 25\n');
const BAD_RULES = GOOD_RULES.replace('timeZone: Europe/Stockholm', 'timeZone: Europe/Nowhere');

/**
 * The rules page as a browser uses it, over HTTP (forms, a multipart upload, the session
 * cookie, the Origin a browser sends, 303s followed by hand): the page has no script, so
 * what it does is all in these requests.
 */
describe('the rules page: upload a candidate, see the diff, apply it, roll back (real middleware, Redis and simulators)', () => {
  const h = harnessPerSpecFile(TODAY);
  let rulesFile: string;

  beforeAll(async () => {
    rulesFile = join(await mkdtemp('/tmp/brygga-rules-page-'), 'rules.yaml');
  });

  async function signIn(token: string): Promise<string> {
    const res = await h.http.post(`${h.middleware}/admin/session`, new URLSearchParams({ token }).toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
    const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
    expect(cookie).toMatch(/^brygga_admin_session=/);
    return cookie;
  }
  const browser = (cookie: string) => ({ Cookie: cookie, Origin: h.middleware });
  const page = (cookie: string, path: string) => h.http.get(`${h.middleware}${path}`, { headers: browser(cookie), maxRedirects: 0 });
  const submit = (cookie: string, action: string, form: FormData | URLSearchParams) => h.http.post(`${h.middleware}/admin/actions/${action}`, form, { headers: browser(cookie), maxRedirects: 0 });
  const upload = (text: string) => {
    const form = new FormData();
    form.append('rules', '');
    form.append('file', new Blob([text], { type: 'text/yaml' }), 'mapping-rules.yaml');
    return form;
  };
  const minutesOfIns1 = async (n: number) => ((await customersOf(h, 'kommunen'))[personnummer(n)].serviceOrders['INS-1'] as { minutesPerVisit: number }).minutesPerVisit;

  it('an admin uploads PH 20 -> 25, sees exactly the assignment it changes, applies it, and rolls back from the versions list; an operator may not', async () => {
    writeFileSync(rulesFile, GOOD_RULES);
    await h.fresh({ ...TODAY, MAPPING_RULES_FILE: rulesFile });
    const body = exportOf(uppdrag({ id: 'UPP-SCHABLON', identityNumber: personnummer(1) }), uppdrag({ id: 'UPP-PH', identityNumber: personnummer(2) }).replace('<Schablon minuter="20"/>', ''));
    expect((await h.http.post(`${h.middleware}/inbound/case-system`, body, { headers: { Authorization: `Bearer ${TOKENS.caseInbound}`, 'Content-Type': 'application/xml' }, transformRequest: (d) => d })).status).toBe(202);
    await drained(h);

    const operator = await signIn(TOKENS.operator);
    expect((await page(operator, '/admin/rules')).status).toBe(403);
    expect((await submit(operator, 'rules/replay', upload(PH25_RULES))).status).toBe(403);
    const admin = await signIn(TOKENS.admin);
    expect((await page(admin, '/admin')).data).toContain('href="/admin/rules"');
    const empty = await page(admin, '/admin/rules');
    expect([empty.status, empty.headers['content-security-policy']]).toEqual([200, expect.stringContaining("default-src 'none'")]);
    expect(empty.data).toContain('enctype="multipart/form-data"');
    expect(empty.data).not.toContain('<script');

    // A refused candidate: its problems on the page, as the boot names them, with a 400.
    const refused = await submit(admin, 'rules/replay', new URLSearchParams({ rules: BAD_RULES }));
    expect([refused.status, refused.data]).toEqual([400, expect.stringContaining('timeZone: unknown IANA time zone')]);
    // Another site's form posting with the admin's cookie is refused.
    expect((await h.http.post(`${h.middleware}/admin/actions/rules/replay`, upload(PH25_RULES), { headers: { Cookie: admin, Origin: 'https://elsewhere.example' }, maxRedirects: 0 })).status).toBe(403);

    const replayed = await submit(admin, 'rules/replay', upload(PH25_RULES));
    expect(replayed.status).toBe(303);
    const runPage = await page(admin, replayed.headers.location);
    expect(runPage.data).toMatch(/data-test="count-ordersChanged">1</);
    expect(runPage.data.match(/data-test="replay-item"/g)).toHaveLength(1);
    expect(runPage.data).toContain('<td>UPP-PH</td>');
    expect(runPage.data).toContain('serviceOrder.minutesPerVisit');
    const runId = /name="run" value="([^"]+)"/.exec(runPage.data)?.[1];
    expect(runId).toBeDefined();
    expect(await minutesOfIns1(2)).toBe(20);

    const applied = await submit(admin, 'rules/apply', new URLSearchParams({ run: runId as string }));
    expect([applied.status, applied.headers.location]).toEqual([303, '/admin/rules?done=rules-applied']);
    await drained(h);
    expect([await minutesOfIns1(1), await minutesOfIns1(2)]).toEqual([20, 25]);
    const versions = (await page(admin, '/admin/rules?done=rules-applied')).data;
    expect(versions).toContain('The rules are applied');
    expect(versions).toContain('data-test="rollback-1"');
    const first = /<input type="hidden" name="version" value="([0-9a-f]{12})"><button type="submit" data-test="rollback-1">/.exec(versions)?.[1];

    const rolledBack = await submit(admin, 'rules/apply', new URLSearchParams({ version: first as string }));
    expect(rolledBack.headers.location).toBe('/admin/rules?done=rules-applied');
    await drained(h);
    expect([await minutesOfIns1(1), await minutesOfIns1(2)]).toEqual([20, 20]);
    expect((await submit(admin, 'rules/apply', new URLSearchParams({ run: 'r-gone123' }))).headers.location).toBe('/admin/rules?error=rules-run-expired');
  });
});
