import { XMLParser } from 'fast-xml-parser';

/**
 * A read-only view of one element of fast-xml-parser's output, addressed by local names
 * (the contract's namespace prefix, if the document uses one, is added here), that
 * collects every problem as a reason naming the path and rule, never the value.
 */
export type Cardinality = readonly [min: number, max: number];

const ATTR = '@_';
const TEXT = '#text';
const XML_ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Entities are decoded here, in one pass, so `&amp;#229;` stays the text `&#229;`. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(XML_ENTITY, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function createXmlParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: false,
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  });
}

export class XmlElement {
  constructor(
    readonly path: string,
    private readonly raw: unknown,
    private readonly prefix: string,
    private readonly reasons: string[],
  ) {}

  private get fields(): Record<string, unknown> {
    return typeof this.raw === 'object' && this.raw !== null ? (this.raw as Record<string, unknown>) : {};
  }

  fail(rule: string, at?: string): void {
    this.reasons.push(`${at === undefined ? this.path : `${this.path}/${at}`}: ${rule}`);
  }

  attr(name: string): string | undefined {
    const v = this.fields[ATTR + name];
    return typeof v === 'string' ? decodeXmlEntities(v) : undefined;
  }

  text(): string {
    if (typeof this.raw === 'string') return decodeXmlEntities(this.raw);
    const t = this.fields[TEXT];
    return typeof t === 'string' ? decodeXmlEntities(t) : '';
  }

  children(local: string, pathName: (el: XmlElement, i: number) => string = () => local): XmlElement[] {
    const list = this.fields[this.qualified(local)];
    if (!Array.isArray(list)) return [];
    return list.map((raw, i) => {
      const probe = new XmlElement('', raw, this.prefix, this.reasons);
      return new XmlElement(`${this.path}/${pathName(probe, i)}`, raw, this.prefix, this.reasons);
    });
  }

  child(local: string): XmlElement | undefined {
    return this.children(local)[0];
  }

  /** Unknown children and attributes, and cardinalities, as the XSD has them. */
  expect(children: Record<string, Cardinality>, attributes: readonly string[] = []): void {
    for (const key of Object.keys(this.fields)) {
      if (key === TEXT) continue;
      if (key.startsWith(ATTR)) {
        const name = key.slice(ATTR.length);
        if (name !== 'xmlns' && !name.startsWith('xmlns:') && !attributes.includes(name)) this.fail('unexpected attribute', `@${name}`);
        continue;
      }
      const local = this.localName(key);
      if (local === undefined || !(local in children)) this.fail('unexpected element', key);
    }
    for (const [local, [min, max]] of Object.entries(children)) {
      const n = this.children(local).length;
      if (n < min) this.fail(min === 1 && max === 1 ? 'is required' : `must occur at least ${min} time(s)`, local);
      if (n > max) this.fail(max === 1 ? 'must occur at most once' : `must occur at most ${max} times`, local);
    }
    if (Object.keys(children).length > 0 && this.text() !== '') this.fail('unexpected text content');
  }

  /** A required or optional attribute converted by `as`; a reason when absent (if required) or invalid. */
  read<T>(name: string, as: (v: string) => T | undefined, rule: string, required = true): T | undefined {
    const v = this.attr(name);
    if (v === undefined) {
      if (required) this.fail('is required', `@${name}`);
      return undefined;
    }
    const out = as(v);
    if (out === undefined) this.fail(rule, `@${name}`);
    return out;
  }

  /** The text of child `local` converted by `as`; presence is checked by `expect`. */
  readText<T>(local: string, as: (v: string) => T | undefined, rule: string): T | undefined {
    const el = this.child(local);
    if (el === undefined) return undefined;
    el.expect({});
    const out = as(el.text());
    if (out === undefined) el.fail(rule);
    return out;
  }

  private qualified(local: string): string {
    return this.prefix ? `${this.prefix}:${local}` : local;
  }

  private localName(key: string): string | undefined {
    if (!this.prefix) return key.includes(':') ? undefined : key;
    return key.startsWith(`${this.prefix}:`) ? key.slice(this.prefix.length + 1) : undefined;
  }
}
