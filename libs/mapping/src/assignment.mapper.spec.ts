import type { Extent, Intervention, PlanningServiceOrder, ReasonCode, TimeOfDayName } from '@brygga/domain';
import { assignment, intervention, testIds } from './assignment.fixture';
import type { AssignmentPlan } from './assignment-plan.types';
import { mapAssignment } from './assignment.mapper';
import { shippedMappingRules } from './schedule-rules.fixture';

const rules = shippedMappingRules();
const TODAY = '2026-11-23';

function applied(plan: AssignmentPlan): Extract<AssignmentPlan, { outcome: 'apply' }> {
  if (plan.outcome !== 'apply') throw new Error(`expected apply, got ${JSON.stringify(plan)}`);
  return plan;
}

function orderOf(i: Partial<Intervention>): PlanningServiceOrder {
  const plan = applied(mapAssignment(assignment([intervention(i)]), rules, testIds, TODAY));
  expect(plan.serviceOrders).toHaveLength(1);
  return plan.serviceOrders[0].body;
}

describe('mapAssignment: the activity catalogue (demo-municipality.md, kodlista.md)', () => {
  it.each<[string, string, string, number, string[]]>([
    ['PH', 'OMV-HYG', 'Personlig hygien', 20, []],
    ['HYG', 'OMV-HYG', 'Personlig hygien', 20, []],
    ['DUSCH', 'OMV-DUSCH', 'Dusch', 45, []],
    ['AVPA', 'OMV-KLAD', 'Av- och påklädning', 15, []],
    ['TOA', 'OMV-TOA', 'Toalettbesök', 10, []],
    ['FRU', 'MAT-FRU', 'Frukost', 15, []],
    ['MAT', 'MAT-MAL', 'Måltid', 20, []],
    ['MATL', 'MAT-MAL', 'Måltid', 20, []],
    ['KVM', 'MAT-KVM', 'Kvällsmål', 15, []],
    ['LAK', 'HSL-LAK', 'Läkemedelshjälp', 5, ['USK']],
    ['INSU', 'HSL-INS', 'Insulingivning', 10, ['USK']],
    ['TILLSYN', 'TILLSYN', 'Tillsyn', 10, []],
    ['PROM', 'SOC-PROM', 'Promenad', 30, []],
    ['SAMV', 'SOC-SAMV', 'Social samvaro', 30, []],
    ['STAD', 'SERV-STAD', 'Städning', 60, []],
    ['TVATT', 'SERV-TVATT', 'Tvätt', 60, []],
    ['INK', 'SERV-INK', 'Inköp', 45, []],
    ['MATD', 'SERV-MATD', 'Matdistribution', 5, []],
    ['LEDS', 'SOC-LEDS', 'Ledsagning', 60, []],
    ['AVL', 'SOC-AVL', 'Avlösning', 120, []],
  ])('%s -> %s', (code, activityCode, title, minutes, skills) => {
    const order = orderOf({ code });
    expect(order).toMatchObject({ activityCode, title, minutesPerVisit: minutes, requiredSkills: skills });
    // The code as received, so a retired code stays traceable.
    expect(order.source.interventionCode).toBe(code);
  });

  it('LARM is granted but never planned: no service order, the customer still applies', () => {
    const plan = applied(mapAssignment(assignment([intervention({ code: 'LARM' }), intervention({ id: 'INS-2', code: 'TOA' })]), rules, testIds, TODAY));
    expect(plan.serviceOrders.map((o) => o.interventionId)).toEqual(['INS-2']);
  });

  it('an unknown code anywhere quarantines the whole assignment, naming the code and the Insats', () => {
    const plan = mapAssignment(assignment([intervention(), intervention({ id: 'INS-7', code: 'NYKOD' })]), rules, testIds, TODAY);
    expect(plan).toEqual({
      outcome: 'quarantine',
      reasons: [
        {
          code: 'mapping.unknown-intervention-code',
          path: 'Uppdrag/Beslut[BES-1]/Insats[INS-7]/@kod',
          text: 'assignment UPP-1, Beslut BES-1, Insats INS-7: unknown intervention code NYKOD (not in the mapping rules; never guessed)',
        },
      ],
    });
  });

  it.each<[string, Extent, ReasonCode, string]>([
    ['every 6 weeks', { kind: 'weekly', occasions: 1, intervalWeeks: 6, times: [] }, 'mapping.interval-too-long', 'every 6 weeks is more than the planning tool accepts (4)'],
    ['32 a month', { kind: 'monthly', occasions: 32, times: [] }, 'mapping.too-many-occasions', '32 occasions per period is more than the planning tool accepts (31)'],
  ])('a schedule the planning tool cannot hold quarantines too: %s', (_name, extent, code, text) => {
    const plan = mapAssignment(assignment([intervention({ extent })]), rules, testIds, TODAY);
    expect(plan).toEqual({ outcome: 'quarantine', reasons: [{ code, path: 'Uppdrag/Beslut[BES-1]/Insats[INS-1]/Omfattning', text: `assignment UPP-1, Beslut BES-1, Insats INS-1: ${text}` }] });
  });
});

describe('mapAssignment: minutes, staff and skills', () => {
  it.each<[string, number | undefined, TimeOfDayName[], number]>([
    ['TILLSYN at natt without Schablon', undefined, ['natt'], 5],
    ['TILLSYN at natt with Schablon', 10, ['natt'], 10],
    ['TILLSYN at natt with a Schablon of 7', 7, ['natt'], 7],
    ['TILLSYN at kväll', undefined, ['kväll'], 10],
    ['TILLSYN at kväll and natt', undefined, ['kväll', 'natt'], 10],
    ['TILLSYN with no time of day', undefined, [], 10],
  ])('%s -> %i minutes', (_name, schablon, names, minutes) => {
    const extent: Extent = { kind: 'daily', occasions: Math.max(1, names.length), times: names.map((name) => ({ name })) };
    expect(orderOf({ code: 'TILLSYN', standardMinutes: schablon, extent }).minutesPerVisit).toBe(minutes);
  });

  it('Schablon wins over the standard time', () => {
    expect(orderOf({ code: 'PH', standardMinutes: 35 }).minutesPerVisit).toBe(35);
  });

  it.each([
    [false, 1],
    [true, 2],
  ])('Dubbelbemanning %s -> staffPerVisit %i', (doubleStaffing, staff) => {
    expect(orderOf({ code: 'DUSCH', doubleStaffing }).staffPerVisit).toBe(staff);
  });

  it.each<[string, string | undefined, string[]]>([
    ['LAK', 'lakemedel', ['DEL-LAKEMEDEL', 'USK']],
    ['INSU', 'insulin', ['DEL-INSULIN', 'USK']],
    ['LAK', 'läkemedel', ['DEL-LÄKEMEDEL', 'USK']],
    ['PH', 'sårvård', ['DEL-SÅRVÅRD']],
    ['PH', undefined, []],
  ])('%s with Delegering %s requires %j', (code, delegation, skills) => {
    expect(orderOf({ code, delegation }).requiredSkills).toEqual(skills);
  });
});

describe('mapAssignment: schedules and visit windows', () => {
  it.each<[TimeOfDayName, string, string]>([
    ['morgon', '07:00', '10:00'],
    ['förmiddag', '09:00', '11:30'],
    ['lunch', '11:00', '13:30'],
    ['eftermiddag', '13:30', '16:00'],
    ['middag', '16:00', '18:00'],
    ['kväll', '18:00', '22:00'],
    ['natt', '22:00', '07:00'],
  ])('%s -> %s-%s', (name, earliest, latest) => {
    expect(orderOf({ extent: { kind: 'daily', occasions: 1, times: [{ name }] } }).schedule.visits).toEqual([{ label: name, earliest, latest }]);
  });

  it.each<[string, string, string]>([
    ['08:00', '07:30', '08:30'],
    ['12:15', '11:45', '12:45'],
    ['00:10', '23:40', '00:40'],
    ['23:45', '23:15', '00:15'],
  ])('an exact time %s gives %s-%s, labelled with the time of day', (exactTime, earliest, latest) => {
    expect(orderOf({ extent: { kind: 'daily', occasions: 1, times: [{ name: 'natt', exactTime }] } }).schedule.visits).toEqual([{ label: 'natt', earliest, latest }]);
  });

  it.each<[string, Extent, PlanningServiceOrder['schedule']]>([
    ['Dagligen', { kind: 'daily', occasions: 2, times: [] }, { kind: 'DAILY', visitsPerPeriod: 2 }],
    ['Veckovis', { kind: 'weekly', occasions: 1, intervalWeeks: 1, times: [] }, { kind: 'WEEKLY', visitsPerPeriod: 1, everyNthWeek: 1 }],
    [
      'Veckovis with days',
      { kind: 'weekly', occasions: 7, intervalWeeks: 2, weekdays: ['må', 'ti', 'on', 'to', 'fr', 'lö', 'sö'], times: [] },
      { kind: 'WEEKLY', visitsPerPeriod: 7, everyNthWeek: 2, weekdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] },
    ],
    ['Manadsvis', { kind: 'monthly', occasions: 3, times: [] }, { kind: 'MONTHLY', visitsPerPeriod: 3 }],
    ['Vidbehov', { kind: 'asNeeded', times: [] }, { kind: 'ON_DEMAND' }],
    ['Vidbehov with a time of day', { kind: 'asNeeded', times: [{ name: 'lunch' }] }, { kind: 'ON_DEMAND', visits: [{ label: 'lunch', earliest: '11:00', latest: '13:30' }] }],
  ])('%s', (_name, extent, schedule) => {
    expect(orderOf({ extent }).schedule).toEqual(schedule);
  });
});

describe('mapAssignment: customer, provider and lifecycle', () => {
  it.each<[string, string, string, string]>([
    ['HT-NORR', '903 26', 'kommunen', 'NORR-1'],
    ['HT-NORR', '904 20', 'kommunen', 'NORR-2'],
    ['HT-VÄST', '904 20', 'kommunen', 'VAST-1'],
    ['OMSORGSHUSET', '903 26', 'omsorgshuset', 'OH-1'],
  ])('%s, postal code %s -> tenant %s, team %s', (code, postalCode, tenant, team) => {
    const a = assignment(undefined, { provider: { code, name: 'x', regi: 'kommunal' } });
    a.client.address.postalCode = postalCode;
    const plan = applied(mapAssignment(a, rules, testIds, TODAY));
    expect(plan.tenant).toBe(tenant);
    expect(plan.customer.teamId).toBe(team);
    expect(plan.customer.address.postalCode).toBe(postalCode.replace(' ', ''));
  });

  it('a provider not served is skipped', () => {
    expect(mapAssignment(assignment(undefined, { provider: { code: 'HT-SÖDER', name: 'x', regi: 'privat' } }), rules, testIds, TODAY)).toEqual({ outcome: 'notServed', providerCode: 'HT-SÖDER' });
  });

  it('makulerad deletes the customer', () => {
    expect(mapAssignment(assignment(undefined, { status: 'makulerad' }), rules, testIds, TODAY)).toEqual({ outcome: 'delete', tenant: 'kommunen', customerId: testIds.customerId('19380412-5676') });
  });

  it('omits absent optional fields and maps key kinds', () => {
    const plan = applied(mapAssignment(assignment(), rules, testIds, TODAY));
    expect(plan.customer).toEqual({
      identityNumber: '19380412-5676',
      protectedIdentity: false,
      firstName: 'Test',
      lastName: 'Person',
      address: { street: 'Gatan 1', postalCode: '90326', city: 'Umeå' },
      key: { kind: 'NONE' },
      teamId: 'NORR-1',
      active: true,
    });
    expect(plan.rulesVersion).toBe(rules.version);
    expect(plan.serviceOrders[0].body).not.toHaveProperty('goal');
    expect(plan.serviceOrders[0].body).not.toHaveProperty('note');
  });

  it('avslutad: active until slutdatum, every order cut at slutdatum', () => {
    const a = assignment([intervention()], { status: 'avslutad', endDate: '2027-01-15' });
    const plan = applied(mapAssignment(a, rules, testIds, TODAY));
    expect(plan.customer).toMatchObject({ active: true, activeUntil: '2027-01-15' });
    expect(plan.serviceOrders[0].body).toMatchObject({ validFrom: '2026-11-23', validTo: '2027-01-15' });
    const afterEnd = applied(mapAssignment(a, rules, testIds, '2027-01-16'));
    expect(afterEnd.customer).toMatchObject({ active: false, activeUntil: '2027-01-15' });
  });

  it('avslutad before a decision starts sends no order for it', () => {
    const a = assignment([intervention()], { status: 'avslutad', endDate: '2026-11-22', startDate: '2026-11-01' });
    expect(applied(mapAssignment(a, rules, testIds, '2026-11-20')).serviceOrders).toEqual([]);
  });

  it('an expired decision sends no order; a future one does', () => {
    const a = assignment([intervention()]);
    a.decisions.push({ ...a.decisions[0], id: 'BES-OLD', validFrom: '2026-01-01', validTo: '2026-11-22', interventions: [intervention({ id: 'INS-OLD' })] });
    a.decisions.push({ ...a.decisions[0], id: 'BES-NEW', validFrom: '2027-06-01', validTo: undefined, interventions: [intervention({ id: 'INS-NEW' })] });
    const plan = applied(mapAssignment(a, rules, testIds, TODAY));
    expect(plan.serviceOrders.map((o) => [o.interventionId, o.body.validFrom, o.body.validTo])).toEqual([
      ['INS-1', '2026-11-23', '2027-05-31'],
      ['INS-NEW', '2027-06-01', undefined],
    ]);
  });

  it('an order starts no earlier than the assignment', () => {
    const a = assignment([intervention()], { startDate: '2026-12-01' });
    expect(applied(mapAssignment(a, rules, testIds, TODAY)).serviceOrders[0].body.validFrom).toBe('2026-12-01');
  });
});
