import { Assignment, Client, Decision, Extent, Intervention } from '@brygga/domain';

/**
 * Writes one `Uppdrag` element from the canonical model, in the XSD's element order.
 * The simulator's own serializer: it must not share code with Brygga's adapter, or a
 * bug in one would hide in both.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Attrs = readonly (readonly [string, string | number | undefined])[];

function attrs(list: Attrs): string {
  return list
    .filter((entry): entry is readonly [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

class Lines {
  readonly out: string[] = [];
  constructor(private readonly baseIndent: number) {}

  line(depth: number, text: string): void {
    this.out.push(`${'  '.repeat(this.baseIndent + depth)}${text}`);
  }

  leaf(depth: number, name: string, value: string | boolean | undefined): void {
    if (value !== undefined) this.line(depth, `<${name}>${escapeXml(String(value))}</${name}>`);
  }
}

const EXTENT_WRITERS: { [K in Extent['kind']]: (e: Extract<Extent, { kind: K }>) => string } = {
  daily: (e) => `<Dagligen${attrs([['tillfallen', e.occasions]])}/>`,
  weekly: (e) =>
    `<Veckovis${attrs([
      ['tillfallen', e.occasions],
      ['intervall', e.intervalWeeks === 1 ? undefined : e.intervalWeeks],
      ['dagar', e.weekdays?.join(',')],
    ])}/>`,
  monthly: (e) => `<Manadsvis${attrs([['tillfallen', e.occasions]])}/>`,
  asNeeded: () => '<Vidbehov/>',
};

function writeExtent(out: Lines, depth: number, extent: Extent): void {
  const write = EXTENT_WRITERS[extent.kind] as (e: Extent) => string;
  out.line(depth, '<Omfattning>');
  out.line(depth + 1, write(extent));
  for (const t of extent.times) out.line(depth + 1, `<Tidpunkt${attrs([['namn', t.name], ['tid', t.exactTime]])}/>`);
  out.line(depth, '</Omfattning>');
}

function writeIntervention(out: Lines, depth: number, i: Intervention): void {
  out.line(depth, `<Insats${attrs([['id', i.id], ['kod', i.code]])}>`);
  out.leaf(depth + 1, 'Benamning', i.name);
  writeExtent(out, depth + 1, i.extent);
  if (i.standardMinutes !== undefined) out.line(depth + 1, `<Schablon${attrs([['minuter', i.standardMinutes]])}/>`);
  out.leaf(depth + 1, 'Dubbelbemanning', i.doubleStaffing ? true : undefined);
  out.leaf(depth + 1, 'Delegering', i.delegation);
  out.leaf(depth + 1, 'Mal', i.goal);
  out.leaf(depth + 1, 'Anteckning', i.note);
  out.line(depth, '</Insats>');
}

function writeDecision(out: Lines, depth: number, d: Decision): void {
  out.line(
    depth,
    `<Beslut${attrs([['id', d.id], ['beslutsdatum', d.decisionDate], ['giltigFrom', d.validFrom], ['giltigTom', d.validTo], ['lagrum', d.legalBasis]])}>`,
  );
  for (const i of d.interventions) writeIntervention(out, depth + 1, i);
  out.line(depth, '</Beslut>');
}

function writeClient(out: Lines, depth: number, c: Client): void {
  out.line(depth, '<Brukare>');
  out.leaf(depth + 1, c.identityKind === 'samordningsnummer' ? 'Samordningsnummer' : 'Personnummer', c.identityNumber);
  out.leaf(depth + 1, 'SkyddadIdentitet', c.protectedIdentity);
  out.leaf(depth + 1, 'Fornamn', c.firstName);
  out.leaf(depth + 1, 'Efternamn', c.lastName);
  out.line(depth + 1, '<Adress>');
  out.leaf(depth + 2, 'Gatuadress', c.address.street);
  out.leaf(depth + 2, 'Postnummer', c.address.postalCode);
  out.leaf(depth + 2, 'Ort', c.address.city);
  out.leaf(depth + 2, 'Portkod', c.address.doorCode);
  out.line(depth + 1, '</Adress>');
  out.leaf(depth + 1, 'Telefon', c.phone);
  out.line(depth + 1, `<Nyckel${attrs([['typ', c.key.kind], ['lasId', c.key.lockId]])}/>`);
  out.leaf(depth + 1, 'Trygghetslarm', c.safetyAlarm);
  out.leaf(depth + 1, 'Sprak', c.language);
  out.line(depth, '</Brukare>');
}

/** The `Uppdrag` element, indented for a document whose root is at depth 0. */
export function writeUppdragElement(a: Assignment): string {
  const out = new Lines(1);
  out.line(
    0,
    `<Uppdrag${attrs([['id', a.id], ['version', a.version], ['status', a.status], ['startdatum', a.startDate], ['slutdatum', a.endDate], ['andrad', a.changedAt]])}>`,
  );
  out.line(1, `<Utforare${attrs([['kod', a.provider.code], ['namn', a.provider.name], ['regi', a.provider.regi]])}/>`);
  writeClient(out, 1, a.client);
  out.line(1, `<Handlaggare${attrs([['id', a.assessor.id], ['namn', a.assessor.name]])}/>`);
  for (const e of a.fixedCareContacts) out.line(1, `<FastOmsorgskontakt${attrs([['anstallningsnummer', e]])}/>`);
  for (const d of a.decisions) writeDecision(out, 1, d);
  out.line(0, '</Uppdrag>');
  return out.out.join('\n');
}
