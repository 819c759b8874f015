import type { XmlElement } from './xml-element.view';
import { XSI_NAMESPACE } from './xml-namespace.scope';

/** How often a child may occur, as the XSD's minOccurs and maxOccurs. */
export type Cardinality = readonly [min: number, max: number];

export const EXACTLY_ONE: Cardinality = [1, 1];
export const AT_MOST_ONE: Cardinality = [0, 1];
export const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** An element's content model, loosely: which children, how often, which attributes. */
export interface XmlShape {
  /** The namespace every child must be in. */
  namespace: string | undefined;
  /** By local name. Element-only content when not empty: text beside the children is a finding. */
  children: Readonly<Record<string, Cardinality>>;
  attributes?: readonly string[];
}

/** What an element breaks of its shape, in words of neither adapter: each words it its own way. */
export type XmlShapeFinding =
  | { kind: 'unexpectedElement'; name: string }
  | { kind: 'unexpectedAttribute'; name: string }
  | { kind: 'tooFew'; name: string; count: number; min: number; max: number }
  | { kind: 'tooMany'; name: string; count: number; min: number; max: number }
  | { kind: 'unexpectedText' };

/**
 * Every way `element` differs from `shape`: unknown children (once per name as written,
 * in document order), unknown attributes, cardinalities (in the shape's order), then text.
 */
export function checkShape(element: XmlElement, shape: XmlShape): readonly XmlShapeFinding[] {
  // Allocates only for what it finds: it runs on every element of every record.
  let findings: XmlShapeFinding[] | undefined;
  let reported: Set<string> | undefined;
  for (const child of element.children) {
    if (child.namespace === shape.namespace && Object.hasOwn(shape.children, child.name)) continue;
    reported ??= new Set();
    if (reported.has(child.qualifiedName)) continue;
    reported.add(child.qualifiedName);
    (findings ??= []).push({ kind: 'unexpectedElement', name: child.qualifiedName });
  }
  const allowed = shape.attributes ?? [];
  for (const name in element.attributes) if (!isAllowedAttribute(element, name, allowed)) (findings ??= []).push({ kind: 'unexpectedAttribute', name });
  let elementOnly = false;
  for (const name in shape.children) {
    elementOnly = true;
    const [min, max] = shape.children[name];
    const count = element.countChildrenNamed(shape.namespace, name);
    if (count < min) (findings ??= []).push({ kind: 'tooFew', name, count, min, max });
    if (count > max) (findings ??= []).push({ kind: 'tooMany', name, count, min, max });
  }
  if (elementOnly && holdsCharacterData(element)) (findings ??= []).push({ kind: 'unexpectedText' });
  return findings ?? NO_FINDINGS;
}

const NO_FINDINGS: readonly XmlShapeFinding[] = Object.freeze([]);

function isAllowedAttribute(element: XmlElement, name: string, allowed: readonly string[]): boolean {
  return allowed.includes(name) || element.attributeNamespace(name) === XSI_NAMESPACE;
}

/** Attributes outside `allowed`, in document order; XSD allows its own (`xsi:…`) on any element. */
export function unexpectedAttributes(element: XmlElement, allowed: readonly string[]): string[] {
  const out: string[] = [];
  for (const name in element.attributes) if (!isAllowedAttribute(element, name, allowed)) out.push(name);
  return out;
}

/** Child elements outside `namespace`, in document order. */
export function foreignChildren(element: XmlElement, namespace: string | undefined): XmlElement[] {
  return element.children.filter((c) => c.namespace !== namespace);
}

/** Whether an element holds character data that is not whitespace (where only elements may stand). */
export function holdsCharacterData(element: XmlElement): boolean {
  return element.hasMixedText || element.text.trim() !== '';
}
