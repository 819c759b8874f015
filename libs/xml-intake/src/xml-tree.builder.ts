import { XMLParser } from 'fast-xml-parser';
import { XmlElement } from './xml-element.view';
import { DOCUMENT_SCOPE, isNamespaceDeclaration, scopeWith, type XmlNamespaceScope } from './xml-namespace.scope';
import { nameRecord } from './xml-name-record.factory';
import { decodeXmlReferences } from './xml-references.decoder';
import { XmlRefusedError } from './xml-refused.error';
import { parseGuarded } from './xml-text.reader';

const ATTRIBUTES = ':@';
const TEXT = '#text';
const CDATA = '#cdata';
const CONTENT = /\S/;
const NONE: Readonly<Record<string, string>> = Object.freeze(nameRecord());

/**
 * The one parser configuration of both adapters. Order is kept (the scheduling contract
 * has sequences); nothing is converted or trimmed (the readers decide); references are
 * left alone, to be decoded once by `decodeXmlReferences`.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
});

type ParsedNode = Record<string, unknown>;

/**
 * Text that has passed the hazard scan and the well-formedness check -> its one root
 * element. The parser's own errors become refusals in words (`parseGuarded`); so do an
 * undeclared namespace prefix and text or a second element beside the root.
 */
export function buildXmlTree(text: string): XmlElement {
  const top = parseGuarded(() => parser.parse(text) as unknown[]);
  let root: XmlElement | undefined;
  let roots = 0;
  for (const node of top) {
    if (!isNode(node)) continue;
    const data = characterData(node);
    if (data !== undefined) {
      if (CONTENT.test(data)) malformed('text outside the root element');
      continue;
    }
    const name = elementName(node);
    if (name === undefined) continue;
    roots++;
    root = buildElement(node, name, DOCUMENT_SCOPE);
  }
  if (root === undefined || roots !== 1) malformed(`${roots} root elements, expected 1`);
  return root;
}

function buildElement(node: ParsedNode, qualifiedName: string, scope: XmlNamespaceScope): XmlElement {
  let attributes = NONE;
  let declarations = NONE;
  const raw = node[ATTRIBUTES];
  if (isNode(raw)) {
    for (const key of Object.keys(raw)) {
      // Attribute-value normalisation (XML 1.0, 3.3.3): a literal tab or line end is a space; a reference to one is kept.
      const value = decodeXmlReferences(String(raw[key]).replace(/[\t\n\r]/g, ' '));
      if (isNamespaceDeclaration(key)) declarations = with1(declarations, key, value);
      else attributes = with1(attributes, key, value);
    }
  }
  const inner = declarations === NONE ? scope : scopeWith(scope, declarations);
  const colon = qualifiedName.indexOf(':');
  const prefix = colon < 0 ? undefined : qualifiedName.slice(0, colon);
  const local = colon < 0 ? qualifiedName : qualifiedName.slice(colon + 1);
  const namespace = inner[prefix ?? ''];
  if (prefix !== undefined && namespace === undefined) malformed(`namespace prefix ${prefix} is not declared`);

  const children: XmlElement[] = [];
  let text = '';
  let textHasContent = false;
  let hasMixedText = false;
  const content = node[qualifiedName];
  if (Array.isArray(content)) {
    for (const child of content) {
      if (!isNode(child)) continue;
      const data = characterData(child);
      if (data !== undefined) {
        // Tested per piece, not on the growing text: a root holds thousands of indented records.
        if (CONTENT.test(data)) {
          textHasContent = true;
          if (children.length > 0) hasMixedText = true;
        }
        if (children.length === 0 || textHasContent) text += data;
        continue;
      }
      const name = elementName(child);
      if (name === undefined) continue;
      if (textHasContent) hasMixedText = true;
      else if (children.length === 0) text = '';
      children.push(buildElement(child, name, inner));
    }
  }
  return new XmlElement(local, qualifiedName, namespace === '' ? undefined : namespace, attributes, declarations, children, text, hasMixedText, inner);
}

/** Text (references decoded) or CDATA (literal) of a node that is one; undefined for an element. */
function characterData(node: ParsedNode): string | undefined {
  const text = node[TEXT];
  if (typeof text === 'string') return decodeXmlReferences(text);
  const cdata = node[CDATA];
  if (!Array.isArray(cdata)) return undefined;
  let out = '';
  for (const part of cdata) if (isNode(part) && typeof part[TEXT] === 'string') out += part[TEXT];
  return out;
}

function elementName(node: ParsedNode): string | undefined {
  for (const key in node) if (key !== ATTRIBUTES && Object.hasOwn(node, key)) return key;
  return undefined;
}

function with1(record: Readonly<Record<string, string>>, key: string, value: string): Record<string, string> {
  const out = record === NONE ? nameRecord() : (record as Record<string, string>);
  out[key] = value;
  return out;
}

function isNode(value: unknown): value is ParsedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(detail: string): never {
  throw new XmlRefusedError(`not well-formed XML (${detail})`, 'malformed');
}
