import type { ReasonCode } from '@brygga/domain';
import { foreignChildren, holdsCharacterData, unexpectedAttributes, type XmlElement } from '@brygga/xml-intake';
import { ExportRuleError } from './export-rule.error';

// The intake's shape helpers in this adapter's words: each check throws ExportRuleError at
// the first rule broken (the caller decides what it rejects), naming element, attribute and
// rule, never a value.

export const EXPORT_NAMESPACE = 'urn:se:schema:export:1';

/** A lexical rule of a value: its code and how reasons word it (`is not <text>`). */
export interface ValueRule {
  code: ReasonCode;
  text: string;
}

/** The element's attributes, after checking that no attribute outside `allowed` is present. */
export function attributesOf(element: XmlElement, allowed: readonly string[]): Readonly<Record<string, string>> {
  const [unexpected] = unexpectedAttributes(element, allowed);
  if (unexpected !== undefined) throw new ExportRuleError('attribute.unexpected', `${element.name}/@${unexpected}`, `${element.name} has an attribute ${unexpected} that the schema does not define`);
  return element.attributes;
}

/** Reads a required attribute through a lexical check. */
export function required<T>(element: XmlElement, attribute: string, check: (v: string | undefined) => T | undefined, rule: ValueRule): T {
  const path = `${element.name}/@${attribute}`;
  const raw = element.attributes[attribute];
  if (raw === undefined) throw new ExportRuleError('attribute.missing', path, `${path} is missing`);
  const value = check(raw);
  if (value === undefined) throw new ExportRuleError(rule.code, path, `${path} is not ${rule.text}`);
  return value;
}

export function optional<T>(element: XmlElement, attribute: string, check: (v: string | undefined) => T | undefined, rule: ValueRule): T | undefined {
  return element.attributes[attribute] === undefined ? undefined : required(element, attribute, check, rule);
}

/** Elements with element-only content: no character data, every child in the export namespace. */
export function elementChildren(element: XmlElement): readonly XmlElement[] {
  if (holdsCharacterData(element)) throw new ExportRuleError('element.unexpected-text', element.name, `${element.name} holds text where the schema allows only elements`);
  const [foreign] = foreignChildren(element, EXPORT_NAMESPACE);
  if (foreign) throw new ExportRuleError('element.unexpected', `${element.name}/${foreign.name}`, `${element.name} holds an element ${foreign.name} outside namespace ${EXPORT_NAMESPACE}`);
  return element.children;
}

/** Elements with simple content: text only, no child elements. */
export function textContent(element: XmlElement): string {
  if (element.children.length > 0) throw new ExportRuleError('element.unexpected', element.name, `${element.name} holds elements where the schema allows only text`);
  return element.text;
}

export function isEmpty(element: XmlElement): void {
  elementChildren(element);
  if (element.children.length > 0) throw new ExportRuleError('element.unexpected', element.name, `${element.name} must be empty`);
}
