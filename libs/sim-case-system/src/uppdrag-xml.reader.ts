import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { UPPDRAG_NAMESPACE } from './export-document.writer';

/**
 * Reads a posted `Uppdragsexport` for /_sim/assignments. It keeps each `Uppdrag` as an
 * element tree and re-emits it unchanged (namespace prefix dropped), so the feed serves
 * exactly what was posted, stale or odd versions included: it never interprets content
 * beyond the id and version the change log needs.
 */
export class UppdragReadError extends Error {}

export interface PostedUppdrag {
  id: string;
  version: number;
  /** The element as XML in the default namespace. */
  xml: string;
}

export interface PostedExport {
  kalla: string;
  uppdrag: PostedUppdrag[];
}

type OrderedNode = Record<string, unknown>;

const ATTRS = ':@';
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});
const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, format: false });

function isNode(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ATTRS && k !== '#text');
}

function attributesOf(node: OrderedNode): Record<string, string> {
  const a = node[ATTRS];
  return isNode(a) ? (a as Record<string, string>) : {};
}

/** Drops the namespace prefix from element names and xmlns declarations below the root. */
function unprefix(node: OrderedNode, prefix: string): OrderedNode {
  const tag = tagOf(node);
  if (!tag) return node;
  const name = prefix && tag.startsWith(`${prefix}:`) ? tag.slice(prefix.length + 1) : tag;
  const children = node[tag];
  const out: OrderedNode = { [name]: Array.isArray(children) ? children.filter(isNode).map((c) => unprefix(c, prefix)) : children };
  const attributes = Object.entries(attributesOf(node)).filter(([k]) => k !== '@_xmlns' && !k.startsWith('@_xmlns:'));
  if (attributes.length > 0) out[ATTRS] = Object.fromEntries(attributes);
  return out;
}

export function readUppdragExport(text: string): PostedExport {
  if (XMLValidator.validate(text) !== true) throw new UppdragReadError('not well-formed XML');
  const doc: unknown = parser.parse(text);
  const root = Array.isArray(doc) ? doc.filter(isNode).find((n) => tagOf(n) !== undefined) : undefined;
  const rootTag = root && tagOf(root);
  if (!root || !rootTag) throw new UppdragReadError('no root element');
  const [prefix, local] = rootTag.includes(':') ? rootTag.split(':', 2) : ['', rootTag];
  const rootAttrs = attributesOf(root);
  if (local !== 'Uppdragsexport' || rootAttrs[prefix ? `@_xmlns:${prefix}` : '@_xmlns'] !== UPPDRAG_NAMESPACE) {
    throw new UppdragReadError(`root is not an Uppdragsexport in ${UPPDRAG_NAMESPACE}`);
  }
  const kalla = rootAttrs['@_kalla'];
  if (!kalla) throw new UppdragReadError('Uppdragsexport/@kalla missing');
  const children = root[rootTag];
  const elements = (Array.isArray(children) ? children : []).filter(isNode).filter((n) => tagOf(n) !== undefined);
  const uppdrag = elements.map((node, index) => {
    const clean = unprefix(node, prefix);
    if (tagOf(clean) !== 'Uppdrag') throw new UppdragReadError(`unexpected element at position ${index + 1}`);
    const a = attributesOf(clean);
    const version = Number(a['@_version']);
    if (!a['@_id'] || !/^[1-9]\d*$/.test(a['@_version'] ?? '')) throw new UppdragReadError(`Uppdrag ${index + 1}: id or version missing or invalid`);
    return { id: a['@_id'], version, xml: `  ${builder.build([clean])}` };
  });
  return { kalla, uppdrag };
}
