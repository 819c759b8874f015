import { XMLParser } from 'fast-xml-parser';
import { scanXmlHazards } from './xml-hazard.scanner';
import { DEFAULT_XML_LIMITS, XmlLimits } from './xml-limits.config';
import { XmlRefusedError } from './xml-refused.error';
import { parseGuarded, readXmlText } from './xml-text.reader';

const SMALL: XmlLimits = { ...DEFAULT_XML_LIMITS, maxDepth: 4, maxElements: 10, maxAttributeLength: 8, maxTextLength: 8 };

function refusal(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlRefusedError {
  try {
    scanXmlHazards(text, limits);
  } catch (error) {
    if (error instanceof XmlRefusedError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('scanXmlHazards', () => {
  it('an oversized record is found with its span and skipped to its own end tag; what follows it is still scanned', () => {
    const limits: XmlLimits = { ...DEFAULT_XML_LIMITS, maxRecordElements: 3 };
    const big = `<R><U id="1"><a/><a/><a/><a/><a>&bogus;</a></U><U2/></R>`;
    const scan = scanXmlHazards(`<R><U id="1"><a/><a/><a/><a/></U><U id="2"><a/></U></R>`, limits);
    expect(scan.oversizedRecords.map((r) => r.index)).toEqual([0]);
    // Inside the skipped part nothing is parsed later (it is cut out), so nothing there is refused.
    expect(scanXmlHazards(big, limits).oversizedRecords).toHaveLength(1);
    // A record's end tag is its own name, not a longer one that starts with it.
    const text = `<R><U><a/><a/><a/><a/><UX/></U><U><b/></U></R>`;
    const [span] = scanXmlHazards(text, limits).oversizedRecords;
    expect(text.slice(span.start, span.end)).toBe('<U><a/><a/><a/><a/><UX/></U>');
    expect(refusal(`<R><U><a/><a/><a/><a/></U><U><!DOCTYPE x></U></R>`, limits).reason).toMatch(/DOCTYPE/);
  });

  it('lets a contract-shaped document through: declaration, comments, CDATA, PIs, references, prefixes, quotes', () => {
    const ok = `<?xml version="1.0"?><!-- x --><u:A xmlns:u="urn:a" b='1 > 0' c="&amp;&#xC5;&#214;"><?pi x?><B><![CDATA[<not> & markup]]></B>t&lt;&quot;</u:A>`;
    expect(() => scanXmlHazards(ok)).not.toThrow();
  });

  it.each<[string, string, RegExp]>([
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a/>', /DOCTYPE or other markup declaration is not accepted/],
    ['a lower-case doctype', '<!doctype a><a/>', /DOCTYPE/],
    ['an external entity', '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', /DOCTYPE/],
    ['a parameter entity', '<!DOCTYPE a [<!ENTITY % p "x"> %p;]><a/>', /DOCTYPE/],
    ['an entity declaration after the root start', '<a><!ENTITY x "y"></a>', /markup declaration/],
    ['an undeclared entity', '<a>&lol9;</a>', /entity XML does not predefine/],
    ['a reference to NUL', '<a b="&#0;"/>', /character XML does not allow/],
    ['a reference past Unicode', '<a>&#x110000;</a>', /character XML does not allow/],
    ['an unterminated reference', '<a>AT & T</a>', /unterminated reference/],
    ['an element named __proto__', '<a><__proto__><polluted>1</polluted></__proto__></a>', /element name that could alter JavaScript objects/],
    ['a prefixed element named constructor', '<a><x:constructor xmlns:x="u"/></a>', /element name/],
    ['an attribute named prototype', '<a prototype="1"/>', /attribute name that could alter JavaScript objects/],
    ['an attribute named __proto__', '<a><b __proto__="1"/></a>', /attribute name/],
  ])('refuses %s', (_name, text, reason) => {
    expect(refusal(text).reason).toMatch(reason);
  });

  it.each<[string, string, RegExp]>([
    ['depth', '<a><a><a><a><a/></a></a></a></a>', /nested deeper than 4 levels \(XML_MAX_DEPTH\)/],
    ['elements', '<a>' + '<b/>'.repeat(10) + '</a>', /more than 10 elements \(XML_MAX_ELEMENTS\)/],
    ['attribute length', '<a b="123456789"/>', /attribute value is longer than 8 characters \(XML_MAX_ATTRIBUTE_LENGTH\)/],
    ['text length', '<a>123456789</a>', /text is longer than 8 characters \(XML_MAX_TEXT_LENGTH\)/],
    ['CDATA length', '<a><![CDATA[123456789]]></a>', /CDATA section is longer than 8/],
  ])('refuses a document over the %s limit', (_name, text, reason) => {
    expect(refusal(text, SMALL).reason).toMatch(reason);
    expect(refusal(text, SMALL).kind).toBe('hazard');
  });

  it('is linear: 100,000 nested elements are refused at the limit without recursion', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(refusal(deep).reason).toMatch(/nested deeper than 32/);
  });

  it('never quotes the document in its reasons', () => {
    for (const text of ['<secret19380412>&bad5676;</secret19380412>', '<a Märta="&#0;"/>', '<!DOCTYPE Öberg>']) {
      expect(refusal(text).reason).not.toMatch(/19380412|5676|Märta|Öberg|bad/);
    }
  });
});

describe('no prototype is touched', () => {
  it('documents with __proto__, constructor and prototype names are refused before a parser builds objects of them', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const parser = new XMLParser({ ignoreAttributes: false, processEntities: false });
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      for (const text of [`<a><${name}><polluted>yes</polluted></${name}></a>`, `<a ${name}="x"><b ${name}="y"/></a>`, `<a><p:${name} xmlns:p="u" polluted="yes"/></a>`]) {
        expect(() => parseGuarded(() => parser.parse(readXmlText(Buffer.from(text))))).toThrow(XmlRefusedError);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('a parser that throws becomes a malformed-document refusal in words', () => {
    const refusedBy = (): XmlRefusedError | undefined => {
      try {
        parseGuarded(() => {
          throw new RangeError('Maximum call stack size exceeded near <Fornamn>Märta');
        });
      } catch (error) {
        return error instanceof XmlRefusedError ? error : undefined;
      }
      return undefined;
    };
    expect(refusedBy()).toMatchObject({ kind: 'malformed', reason: 'not well-formed XML (the XML parser refused it: RangeError)' });
  });
});
