import type { XmlElement } from './xml-tree.builder';

export const EXPORT_NAMESPACE = 'urn:se:schema:export:1';
const XSI_NAMESPACE_PREFIX = 'xsi:';

/** A contract rule broken inside one element; the caller decides whether it rejects the document or one employee. */
export class ExportRuleError extends Error {
  constructor(readonly rule: string) {
    super(rule);
    this.name = 'ExportRuleError';
  }
}

/** The element's attributes, after checking that no attribute outside `allowed` is present. */
export function attributesOf(element: XmlElement, allowed: readonly string[]): Readonly<Record<string, string>> {
  for (const name of Object.keys(element.attributes)) {
    // xsi:schemaLocation and friends are allowed on any element by XSD itself.
    if (!allowed.includes(name) && !name.startsWith(XSI_NAMESPACE_PREFIX)) {
      throw new ExportRuleError(`${element.name} has an attribute ${name} that the schema does not define`);
    }
  }
  return element.attributes;
}

/** Reads a required attribute through a lexical check; the reason names element, attribute and rule, never the value. */
export function required<T>(element: XmlElement, attribute: string, check: (v: string | undefined) => T | undefined, rule: string): T {
  const raw = element.attributes[attribute];
  if (raw === undefined) throw new ExportRuleError(`${element.name}/@${attribute} is missing`);
  const value = check(raw);
  if (value === undefined) throw new ExportRuleError(`${element.name}/@${attribute} is not ${rule}`);
  return value;
}

export function optional<T>(element: XmlElement, attribute: string, check: (v: string | undefined) => T | undefined, rule: string): T | undefined {
  return element.attributes[attribute] === undefined ? undefined : required(element, attribute, check, rule);
}

export function inExportNamespace(element: XmlElement): boolean {
  return element.namespace === EXPORT_NAMESPACE;
}

/** Elements with element-only content: no character data, every child in the export namespace. */
export function elementChildren(element: XmlElement): readonly XmlElement[] {
  if (element.text.trim() !== '' || element.hasMixedText) throw new ExportRuleError(`${element.name} holds text where the schema allows only elements`);
  for (const child of element.children) {
    if (!inExportNamespace(child)) throw new ExportRuleError(`${element.name} holds an element ${child.name} outside namespace ${EXPORT_NAMESPACE}`);
  }
  return element.children;
}

/** Elements with simple content: text only, no child elements. */
export function textContent(element: XmlElement): string {
  if (element.children.length > 0) throw new ExportRuleError(`${element.name} holds elements where the schema allows only text`);
  return element.text;
}

export function isEmpty(element: XmlElement): void {
  elementChildren(element);
  if (element.children.length > 0) throw new ExportRuleError(`${element.name} must be empty`);
}
