import { nameRecord } from './xml-name-record.factory';

/** Prefix -> namespace URI in force at an element; the key `''` is the default namespace. */
export type XmlNamespaceScope = Readonly<Record<string, string>>;

/** Bound to `xml:` in every document (Namespaces in XML 1.0, section 3). */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
/** XSD allows its attributes (`xsi:schemaLocation`, …) on any element. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

// A prefix is looked up by name, and `constructor` must find nothing.
export const DOCUMENT_SCOPE: XmlNamespaceScope = Object.freeze(Object.assign(nameRecord(), { xml: XML_NAMESPACE }));

/** The scope inside an element declaring `declarations` (`xmlns`, `xmlns:p`, as written). */
export function scopeWith(outer: XmlNamespaceScope, declarations: Readonly<Record<string, string>>): XmlNamespaceScope {
  const inner = nameRecord();
  for (const prefix in outer) inner[prefix] = outer[prefix];
  for (const name in declarations) inner[name === 'xmlns' ? '' : name.slice('xmlns:'.length)] = declarations[name];
  return inner;
}

export function isNamespaceDeclaration(attribute: string): boolean {
  return attribute === 'xmlns' || attribute.startsWith('xmlns:');
}

/** The prefix of a qualified name (undefined when it has none) and its local part. */
export function splitQualifiedName(name: string): { prefix: string | undefined; local: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { prefix: undefined, local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}
