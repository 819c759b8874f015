import type { Reason, ReasonRule } from '@brygga/domain';
import { checkShape, type Cardinality, type XmlElement, type XmlShapeFinding } from '@brygga/xml-intake';
import { RULES } from './contract.rules';

export const UPPDRAG_NAMESPACE = 'urn:se:omsorg:uppdrag:1';

type Wording = { [K in XmlShapeFinding['kind']]: (f: Extract<XmlShapeFinding, { kind: K }>) => readonly [at: string | undefined, rule: ReasonRule] };

/** This adapter's words and codes for the intake's shape findings (reasons the quarantine and README show). */
const WORDING: Wording = {
  unexpectedElement: (f) => [f.name, { code: 'element.unexpected', text: 'unexpected element' }],
  unexpectedAttribute: (f) => [`@${f.name}`, { code: 'attribute.unexpected', text: 'unexpected attribute' }],
  tooFew: (f) => [f.name, { code: 'element.missing', text: f.min === 1 && f.max === 1 ? 'is required' : `must occur at least ${f.min} time(s)` }],
  tooMany: (f) => [f.name, { code: 'element.too-many', text: f.max === 1 ? 'must occur at most once' : `must occur at most ${f.max} times` }],
  unexpectedText: () => [undefined, { code: 'element.unexpected-text', text: 'unexpected text content' }],
};

function worded(f: XmlShapeFinding): readonly [string | undefined, ReasonRule] {
  return (WORDING[f.kind] as (f: XmlShapeFinding) => readonly [string | undefined, ReasonRule])(f);
}

/**
 * One element of an Uppdragsexport, read through the intake's element view, with its path
 * (`Uppdrag/Beslut[B1]/Insats[I2]`): every problem found is collected as a reason naming
 * the path and the rule, never the value, so one assignment reports all it breaks.
 */
export class ContractElement {
  constructor(
    readonly path: string,
    readonly element: XmlElement,
    private readonly reasons: Reason[],
  ) {}

  fail(rule: ReasonRule, at?: string): void {
    const path = at === undefined ? this.path : `${this.path}/${at}`;
    this.reasons.push({ code: rule.code, path, text: `${path}: ${rule.text}` });
  }

  attr(name: string): string | undefined {
    return this.element.attributes[name];
  }

  /** The contract's values carry no meaningful surrounding whitespace. */
  text(): string {
    return this.element.text.trim();
  }

  children(local: string, pathName: (el: XmlElement, i: number) => string = () => local): ContractElement[] {
    return this.element.childrenNamed(UPPDRAG_NAMESPACE, local).map((child, i) => new ContractElement(`${this.path}/${pathName(child, i)}`, child, this.reasons));
  }

  child(local: string): ContractElement | undefined {
    const first = this.element.firstChildNamed(UPPDRAG_NAMESPACE, local);
    return first && new ContractElement(`${this.path}/${local}`, first, this.reasons);
  }

  /** Unknown children and attributes, and cardinalities, as the XSD has them. */
  expect(children: Readonly<Record<string, Cardinality>>, attributes: readonly string[] = []): void {
    for (const finding of checkShape(this.element, { namespace: UPPDRAG_NAMESPACE, children, attributes })) {
      const [at, rule] = worded(finding);
      this.fail(rule, at);
    }
  }

  /**
   * A required or optional attribute converted by `as`; a reason when absent (if required)
   * or when `as` refuses it. Without a rule `as` takes any string (xs:string).
   */
  read<T>(name: string, as: (v: string) => T | undefined, rule?: ReasonRule, required = true): T | undefined {
    const v = this.attr(name);
    if (v === undefined) {
      if (required) this.fail(RULES.required, `@${name}`);
      return undefined;
    }
    const out = as(v);
    if (out === undefined && rule) this.fail(rule, `@${name}`);
    return out;
  }

  /** The text of child `local` converted by `as`; presence is checked by `expect`. */
  readText<T>(local: string, as: (v: string) => T | undefined, rule?: ReasonRule): T | undefined {
    const el = this.child(local);
    if (el === undefined) return undefined;
    el.expect({});
    const out = as(el.text());
    if (out === undefined && rule) el.fail(rule);
    return out;
  }
}
