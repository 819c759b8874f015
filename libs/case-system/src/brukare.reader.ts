import type { Client, IdentityKind, KeyKind } from '@brygga/domain';
import { identityNumberProblem } from './identity-number.validator';
import { AT_MOST_ONE, EXACTLY_ONE } from '@brygga/xml-intake';
import type { ContractElement } from './contract-element.reader';
import { asBoolean, asKod, asText } from './xml-value.validator';
import { oneOfRule, RULES } from './contract.rules';

const KEY_KINDS: readonly KeyKind[] = ['fysisk', 'digital', 'ingen'];
const POSTAL_CODE = /^\d{3} \d{2}$/;
const LANGUAGE = /^[a-z]{2}$/;

/** Brukare -> Client; personal values never reach a reason. */
export function readBrukare(el: ContractElement): Client | undefined {
  el.expect({
    Personnummer: AT_MOST_ONE,
    Samordningsnummer: AT_MOST_ONE,
    SkyddadIdentitet: EXACTLY_ONE,
    Fornamn: EXACTLY_ONE,
    Efternamn: EXACTLY_ONE,
    Adress: EXACTLY_ONE,
    Telefon: AT_MOST_ONE,
    Nyckel: EXACTLY_ONE,
    Trygghetslarm: AT_MOST_ONE,
    Sprak: AT_MOST_ONE,
  });
  const identity = readIdentity(el);
  const protectedIdentity = el.readText('SkyddadIdentitet', asBoolean, RULES.boolean);
  const firstName = el.readText('Fornamn', asText, RULES.text);
  const lastName = el.readText('Efternamn', asText, RULES.text);
  const address = readAdress(el.child('Adress'));
  const phone = el.readText('Telefon', keep);
  const key = readNyckel(el.child('Nyckel'));
  const safetyAlarm = el.readText('Trygghetslarm', asBoolean, RULES.boolean);
  const language = el.readText('Sprak', (v) => (LANGUAGE.test(v) ? v : undefined), RULES.language);
  if (!identity || protectedIdentity === undefined || !firstName || !lastName || !address || !key) return undefined;
  return {
    identityNumber: identity.number,
    identityKind: identity.kind,
    protectedIdentity,
    firstName,
    lastName,
    address,
    ...(phone && { phone }),
    key,
    ...(safetyAlarm !== undefined && { safetyAlarm }),
    ...(language !== undefined && { language }),
  };
}

const IDENTITY_ELEMENTS: Record<string, IdentityKind> = { Personnummer: 'personnummer', Samordningsnummer: 'samordningsnummer' };

function readIdentity(el: ContractElement): { number: string; kind: IdentityKind } | undefined {
  const present = Object.entries(IDENTITY_ELEMENTS).flatMap(([name, kind]) => el.children(name).map((c) => ({ c, kind })));
  if (present.length !== 1) {
    el.fail({ code: 'element.choice', text: 'exactly one of Personnummer and Samordningsnummer is required' });
    return undefined;
  }
  const [{ c, kind }] = present;
  c.expect({});
  const problem = identityNumberProblem(c.text(), kind);
  if (problem) {
    c.fail(problem);
    return undefined;
  }
  return { number: c.text(), kind };
}

function readAdress(el: ContractElement | undefined): Client['address'] | undefined {
  if (!el) return undefined;
  el.expect({ Gatuadress: EXACTLY_ONE, Postnummer: EXACTLY_ONE, Ort: EXACTLY_ONE, Portkod: AT_MOST_ONE });
  const street = el.readText('Gatuadress', asText, RULES.text);
  const postalCode = el.readText('Postnummer', (v) => (POSTAL_CODE.test(v) ? v : undefined), RULES.postalCode);
  const city = el.readText('Ort', asText, RULES.text);
  const doorCode = el.readText('Portkod', keep);
  if (!street || !postalCode || !city) return undefined;
  return { street, postalCode, city, ...(doorCode && { doorCode }) };
}

function readNyckel(el: ContractElement | undefined): Client['key'] | undefined {
  if (!el) return undefined;
  el.expect({}, ['typ', 'lasId']);
  const kind = el.read('typ', (v) => KEY_KINDS.find((k) => k === v), oneOfRule(KEY_KINDS));
  const lockId = el.read('lasId', asKod, RULES.kod, false);
  if (kind === 'digital' && el.attr('lasId') === undefined) el.fail({ code: 'attribute.required-when', text: 'is required when typ is digital' }, '@lasId');
  if (!kind || (kind === 'digital' && !lockId)) return undefined;
  return { kind, ...(lockId !== undefined && { lockId }) };
}

/** xs:string: anything goes; an empty value counts as absent. */
function keep(v: string): string {
  return v;
}
