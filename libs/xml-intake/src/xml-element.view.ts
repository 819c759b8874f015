import { splitQualifiedName, type XmlNamespaceScope } from './xml-namespace.scope';

/**
 * One element of a document read by the intake, as both adapters see it: names with their
 * namespace resolved, attribute values and text with references decoded once, comments
 * and processing instructions gone. Built by `buildXmlTree`; read-only.
 */
export class XmlElement {
  constructor(
    /** The local name (`Uppdrag` for `u:Uppdrag`). */
    readonly name: string,
    /** The name as written, prefix included: what a reason names. */
    readonly qualifiedName: string,
    readonly namespace: string | undefined,
    /** By name as written (prefix included), namespace declarations left out; null prototype. */
    readonly attributes: Readonly<Record<string, string>>,
    /** The `xmlns` and `xmlns:p` attributes of this element itself, by name as written. */
    readonly namespaceDeclarations: Readonly<Record<string, string>>,
    readonly children: readonly XmlElement[],
    /**
     * Character data and CDATA, concatenated, untrimmed. Whitespace between child elements
     * (indentation) is not kept: it is no content where the schemas allow only elements.
     */
    readonly text: string,
    /** Character data that is not whitespace, found between child elements (mixed content). */
    readonly hasMixedText: boolean,
    private readonly scope: XmlNamespaceScope,
  ) {}

  /** An attribute's namespace: none unprefixed (Namespaces in XML, 6.2), undefined for an undeclared prefix. */
  attributeNamespace(qualifiedName: string): string | undefined {
    const { prefix } = splitQualifiedName(qualifiedName);
    return prefix === undefined ? undefined : this.scope[prefix];
  }

  // Linear look-ups, no index: a contract element has a handful of children, and an index
  // per element read once cost more (allocation, GC) than it saved on the 20,000-client export.

  /** The child elements `{namespace}local`, in document order. */
  childrenNamed(namespace: string | undefined, local: string): XmlElement[] {
    const out: XmlElement[] = [];
    for (const child of this.children) if (child.name === local && child.namespace === namespace) out.push(child);
    return out;
  }

  /** The first child element `{namespace}local`. */
  firstChildNamed(namespace: string | undefined, local: string): XmlElement | undefined {
    for (const child of this.children) if (child.name === local && child.namespace === namespace) return child;
    return undefined;
  }

  countChildrenNamed(namespace: string | undefined, local: string): number {
    let n = 0;
    for (const child of this.children) if (child.name === local && child.namespace === namespace) n++;
    return n;
  }
}
