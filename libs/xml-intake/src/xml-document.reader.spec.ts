import { DEFAULT_XML_LIMITS } from './xml-limits.config';
import { readXmlDocument } from './xml-document.reader';
import { XmlRefusedError } from './xml-refused.error';
import { XSI_NAMESPACE } from './xml-namespace.scope';

function refusal(text: string): XmlRefusedError {
  try {
    readXmlDocument(text);
  } catch (error) {
    if (error instanceof XmlRefusedError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readXmlDocument: one element view for both adapters', () => {
  it('resolves namespaces, default and prefixed, and keeps the names as written', () => {
    const { root } = readXmlDocument('<?xml version="1.0"?><u:A xmlns:u="urn:a" xmlns="urn:d"><B/><u:C/><D xmlns=""/></u:A>');
    expect([root.name, root.qualifiedName, root.namespace]).toEqual(['A', 'u:A', 'urn:a']);
    expect(root.children.map((c) => [c.qualifiedName, c.namespace])).toEqual([
      ['B', 'urn:d'],
      ['u:C', 'urn:a'],
      ['D', undefined],
    ]);
    expect({ ...root.namespaceDeclarations }).toEqual({ 'xmlns:u': 'urn:a', xmlns: 'urn:d' });
    expect(root.attributes).toEqual({});
  });

  it('decodes references once, keeps CDATA literal, normalises attribute whitespace, drops comments and PIs', () => {
    const { root } = readXmlDocument('<A a="x\ty&#10;&amp;#xC5;"><!-- c --><?pi x?>&#xC5;sa &amp;#229; <![CDATA[&amp; <b>]]></A>');
    expect(root.attributes.a).toBe('x y\n&#xC5;');
    expect(root.text).toBe('Åsa &#229; &amp; <b>');
    expect(root.children).toEqual([]);
  });

  it('concatenates text, and marks text between child elements as mixed', () => {
    const indented = readXmlDocument('<A>\n  <B>1</B>\n  <B>2</B>\n</A>').root;
    expect([indented.hasMixedText, indented.text.trim(), indented.children.map((c) => c.text)]).toEqual([false, '', ['1', '2']]);
    expect(readXmlDocument('<A><B/>x<B/></A>').root.hasMixedText).toBe(true);
    expect(readXmlDocument('<A>x<B/></A>').root.hasMixedText).toBe(true);
  });

  it('finds children by expanded name, in document order', () => {
    const { root } = readXmlDocument('<A xmlns="urn:a" xmlns:o="urn:o"><B i="1"/><o:B i="x"/><C/><B i="2"/></A>');
    expect(root.childrenNamed('urn:a', 'B').map((b) => b.attributes.i)).toEqual(['1', '2']);
    expect(root.childrenNamed('urn:o', 'B').map((b) => b.attributes.i)).toEqual(['x']);
    expect(root.childrenNamed('urn:a', 'D')).toEqual([]);
  });

  it('resolves attribute prefixes on demand (xsi:… belongs to XSD)', () => {
    const { root } = readXmlDocument(`<A xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="urn:a a.xsd" b="1" q:c="2"/>`);
    expect(root.attributeNamespace('xsi:schemaLocation')).toBe(XSI_NAMESPACE);
    expect(root.attributeNamespace('b')).toBeUndefined();
    expect(root.attributeNamespace('q:c')).toBeUndefined();
  });

  it('attributes reach no prototype: a name the document lacks is absent, whatever Object.prototype holds', () => {
    const { root } = readXmlDocument('<A valueOf="x"/>');
    expect(root.attributes.toString).toBeUndefined();
    expect('constructor' in root.attributes).toBe(false);
    expect(root.attributeNamespace('constructor:x')).toBeUndefined();
  });

  it.each<[string, string, RegExp, 'hazard' | 'malformed']>([
    ['a DOCTYPE (the scan runs first)', '<!DOCTYPE a><a/>', /DOCTYPE/, 'hazard'],
    ['a prototype name', '<a><__proto__/></a>', /element name that could alter JavaScript objects/, 'hazard'],
    ['broken XML', '<a><b></a>', /^not well-formed XML \(InvalidTag at line 1, column \d+\)$/, 'malformed'],
    ['two roots', '<a/><b/>', /^not well-formed XML \(2 root elements, expected 1\)$/, 'malformed'],
    ['text after the root', '<a></a>x', /^not well-formed XML \(InvalidXml at line 1, column \d+\)$/, 'malformed'],
    ['an undeclared element prefix', '<a><p:b/></a>', /^not well-formed XML \(namespace prefix p is not declared\)$/, 'malformed'],
  ])('refuses %s', (_name, text, reason, kind) => {
    expect(refusal(text)).toMatchObject({ kind });
    expect(refusal(text).reason).toMatch(reason);
  });

  it('refuses elements the schema does not allow at a depth, by the scan', () => {
    const allowed = [{ depth: 1, names: new Set(['B']), refusal: (name: string) => `A/${name}: unexpected` }];
    expect(() => readXmlDocument('<A><B/><C/></A>', { allowed })).toThrow('A/C: unexpected');
  });

  it('cuts oversized records to their start tag when asked, and only then', () => {
    const limits = { ...DEFAULT_XML_LIMITS, maxRecordElements: 3 };
    const text = '<R><U id="1"><a/><a/><a/><a/></U><U id="2"><a/></U></R>';
    const cut = readXmlDocument(text, { limits, cutOversizedRecords: true });
    expect([...cut.oversized]).toEqual([0]);
    expect(cut.root.children.map((u) => [u.attributes.id, u.children.length])).toEqual([
      ['1', 0],
      ['2', 1],
    ]);
    const kept = readXmlDocument(text, { limits });
    expect([kept.oversized.size, kept.root.children[0].children.length]).toEqual([0, 4]);
  });
});
