import { TIME_OF_DAY_NAMES, WEEKDAYS } from '@brygga/domain';
import type { Decision, Extent, Intervention, TimeOfDay, TimeOfDayName, Weekday } from '@brygga/domain';
import { AT_MOST_ONE, EXACTLY_ONE, UNBOUNDED, type XmlElement } from '@brygga/xml-intake';
import type { ContractElement } from './contract-element.reader';
import { asBoolean, asDate, asHhMm, asInteger, asKod, asText } from './xml-value.validator';
import { numberRule, oneOfRule, RULES } from './contract.rules';

const EXTENT_FORMS = ['Dagligen', 'Veckovis', 'Manadsvis', 'Vidbehov'] as const;
type ExtentForm = (typeof EXTENT_FORMS)[number];

const byId = (name: string) => (el: XmlElement) => `${name}[${el.attributes.id ?? '?'}]`;

export function readBeslut(el: ContractElement): Decision | undefined {
  el.expect({ Insats: [1, UNBOUNDED] }, ['id', 'beslutsdatum', 'giltigFrom', 'giltigTom', 'lagrum']);
  const id = el.read('id', asKod, RULES.kod);
  const decisionDate = el.read('beslutsdatum', asDate, RULES.date);
  const validFrom = el.read('giltigFrom', asDate, RULES.date);
  const validTo = el.read('giltigTom', asDate, RULES.date, false);
  const legalBasis = el.read('lagrum', (v) => v);
  if (validFrom && validTo && validTo < validFrom) el.fail({ code: 'date.before-start', text: 'must not be before giltigFrom' }, '@giltigTom');
  const interventions = el.children('Insats', byId('Insats')).map(readInsats);
  const ids = interventions.flatMap((i) => (i ? [i.id] : []));
  if (new Set(ids).size !== ids.length) el.fail({ code: 'id.duplicate', text: 'an Insats id occurs twice' }, 'Insats/@id');
  if (!id || !decisionDate || !validFrom || legalBasis === undefined || interventions.some((i) => !i)) return undefined;
  return { id, decisionDate, validFrom, ...(validTo && { validTo }), legalBasis, interventions: interventions as Intervention[] };
}

function readInsats(el: ContractElement): Intervention | undefined {
  el.expect(
    { Benamning: EXACTLY_ONE, Omfattning: EXACTLY_ONE, Schablon: AT_MOST_ONE, Dubbelbemanning: AT_MOST_ONE, Delegering: AT_MOST_ONE, Mal: AT_MOST_ONE, Anteckning: AT_MOST_ONE },
    ['id', 'kod'],
  );
  const id = el.read('id', asKod, RULES.kod);
  const code = el.read('kod', asKod, RULES.kod);
  const name = el.readText('Benamning', asText, RULES.text);
  const omfattning = el.child('Omfattning');
  const extent = omfattning && readOmfattning(omfattning);
  const schablon = el.child('Schablon');
  schablon?.expect({}, ['minuter']);
  const minutes = schablon?.read('minuter', (v) => asInteger(v, 1, 600), numberRule('must be a whole number of minutes, 1 to 600'));
  const doubleStaffing = el.readText('Dubbelbemanning', asBoolean, RULES.boolean);
  const delegation = el.readText('Delegering', asKod, RULES.kod);
  const goal = el.readText('Mal', (v) => v);
  const note = el.readText('Anteckning', (v) => v);
  if (!id || !code || !name || !extent || (schablon && minutes === undefined)) return undefined;
  if (el.child('Dubbelbemanning') && doubleStaffing === undefined) return undefined;
  if (el.child('Delegering') && delegation === undefined) return undefined;
  return {
    id,
    code,
    name,
    extent,
    ...(minutes !== undefined && { standardMinutes: minutes }),
    doubleStaffing: doubleStaffing ?? false,
    ...(delegation && { delegation }),
    ...(goal && { goal }),
    ...(note && { note }),
  };
}

function readOmfattning(el: ContractElement): Extent | undefined {
  el.expect({ Dagligen: AT_MOST_ONE, Veckovis: AT_MOST_ONE, Manadsvis: AT_MOST_ONE, Vidbehov: AT_MOST_ONE, Tidpunkt: [0, 8] });
  const forms = EXTENT_FORMS.filter((f) => el.child(f) !== undefined);
  if (forms.length !== 1) {
    el.fail({ code: 'element.choice', text: 'exactly one of Dagligen, Veckovis, Manadsvis and Vidbehov is required' });
    return undefined;
  }
  const times = el.children('Tidpunkt', (_e, i) => `Tidpunkt[${i + 1}]`).map(readTidpunkt);
  if (times.some((t) => !t)) return undefined;
  const form = forms[0];
  return EXTENT_READERS[form](el.child(form) as ContractElement, times as TimeOfDay[]);
}

const EXTENT_READERS: Record<ExtentForm, (el: ContractElement, times: TimeOfDay[]) => Extent | undefined> = {
  Dagligen: (el, times) => {
    el.expect({}, ['tillfallen']);
    const occasions = el.read('tillfallen', (v) => asInteger(v, 1, 8), numberRule('must be a whole number 1 to 8'));
    return occasions === undefined ? undefined : { kind: 'daily', occasions, times };
  },
  Veckovis: (el, times) => {
    el.expect({}, ['tillfallen', 'intervall', 'dagar']);
    const occasions = el.read('tillfallen', (v) => asInteger(v, 1), RULES.positive);
    const intervalWeeks = el.read('intervall', (v) => asInteger(v, 1), RULES.positive, false) ?? 1;
    const dagar = el.attr('dagar');
    const weekdays = dagar === undefined ? undefined : parseWeekdays(dagar);
    if (dagar !== undefined && weekdays === undefined) el.fail({ code: 'weekdays.invalid', text: 'must be weekdays (må ti on to fr lö sö) separated by commas, none twice' }, '@dagar');
    if (weekdays && occasions !== undefined && weekdays.length !== occasions) el.fail({ code: 'extent.occasions-mismatch', text: 'must equal the number of days in dagar' }, '@tillfallen');
    if (occasions === undefined || (dagar !== undefined && (!weekdays || weekdays.length !== occasions))) return undefined;
    if (el.attr('intervall') !== undefined && asInteger(el.attr('intervall') as string, 1) === undefined) return undefined;
    return { kind: 'weekly', occasions, intervalWeeks, ...(weekdays && { weekdays }), times };
  },
  Manadsvis: (el, times) => {
    el.expect({}, ['tillfallen']);
    const occasions = el.read('tillfallen', (v) => asInteger(v, 1), RULES.positive);
    return occasions === undefined ? undefined : { kind: 'monthly', occasions, times };
  },
  Vidbehov: (el, times) => {
    el.expect({});
    return { kind: 'asNeeded', times };
  },
};

function parseWeekdays(v: string): Weekday[] | undefined {
  const days = v.split(',');
  const known = days.every((d) => (WEEKDAYS as readonly string[]).includes(d));
  return known && new Set(days).size === days.length ? (days as Weekday[]) : undefined;
}

function readTidpunkt(el: ContractElement): TimeOfDay | undefined {
  el.expect({}, ['namn', 'tid']);
  const name = el.read('namn', (v) => TIME_OF_DAY_NAMES.find((n): n is TimeOfDayName => n === v), oneOfRule(TIME_OF_DAY_NAMES));
  const exactTime = el.read('tid', asHhMm, RULES.time, false);
  if (!name || (el.attr('tid') !== undefined && !exactTime)) return undefined;
  return { name, ...(exactTime && { exactTime }) };
}
