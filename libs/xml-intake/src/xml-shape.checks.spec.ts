import { readXmlDocument } from './xml-document.reader';
import { XSI_NAMESPACE } from './xml-namespace.scope';
import { AT_MOST_ONE, checkShape, EXACTLY_ONE, foreignChildren, holdsCharacterData, type XmlShape, type XmlShapeFinding, unexpectedAttributes } from './xml-shape.checks';

const NS = 'urn:a';
const root = (inner: string, attributes = '') => readXmlDocument(`<A xmlns="${NS}" xmlns:o="urn:o" xmlns:xsi="${XSI_NAMESPACE}"${attributes}>${inner}</A>`).root;
const SHAPE: XmlShape = { namespace: NS, children: { B: EXACTLY_ONE, C: AT_MOST_ONE, D: [0, 2] }, attributes: ['id'] };

describe('checkShape', () => {
  it.each<[string, string, string, XmlShapeFinding[]]>([
    ['the shape itself', '<B/><C/><D/><D/>', ' id="1"', []],
    ['indentation is not text', '\n  <B/>\n  <D/>\n', '', []],
    ['xsi attributes are XSD\'s own', '<B/>', ' xsi:schemaLocation="urn:a a.xsd"', []],
    ['a required child missing', '<C/>', '', [{ kind: 'tooFew', name: 'B', count: 0, min: 1, max: 1 }]],
    ['too many', '<B/><C/><C/><D/><D/><D/>', '', [{ kind: 'tooMany', name: 'C', count: 2, min: 0, max: 1 }, { kind: 'tooMany', name: 'D', count: 3, min: 0, max: 2 }]],
    ['unknown children, once per name, in document order', '<X/><B/><o:B/><X/>', '', [{ kind: 'unexpectedElement', name: 'X' }, { kind: 'unexpectedElement', name: 'o:B' }]],
    ['an unknown attribute', '<B/>', ' id="1" extra="2"', [{ kind: 'unexpectedAttribute', name: 'extra' }]],
    ['text beside the children', '<B/>text', '', [{ kind: 'unexpectedText' }]],
  ])('%s', (_name, inner, attributes, findings) => {
    expect(checkShape(root(inner, attributes), SHAPE)).toEqual(findings);
  });

  it('reports unknown children, then attributes, then cardinalities, then text', () => {
    expect(checkShape(root('<X/>t', ' y="1"'), SHAPE).map((f) => f.kind)).toEqual(['unexpectedElement', 'unexpectedAttribute', 'tooFew', 'unexpectedText']);
  });

  it('a leaf shape (no children) allows text and refuses any child', () => {
    expect(checkShape(root('text'), { namespace: NS, children: {} })).toEqual([]);
    expect(checkShape(root('text<B/>'), { namespace: NS, children: {} })).toEqual([{ kind: 'unexpectedElement', name: 'B' }]);
  });
});

describe('the single-rule helpers', () => {
  it('unexpectedAttributes: in document order, xsi allowed', () => {
    expect(unexpectedAttributes(root('', ' b="1" id="2" xsi:type="x" a="3"'), ['id'])).toEqual(['b', 'a']);
  });

  it('foreignChildren and holdsCharacterData', () => {
    expect(foreignChildren(root('<B/><o:B/>'), NS).map((c) => c.qualifiedName)).toEqual(['o:B']);
    expect(holdsCharacterData(root('\n <B/>\n'))).toBe(false);
    expect(holdsCharacterData(root('<B/> x <B/>'))).toBe(true);
  });
});
