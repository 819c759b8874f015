import { decodeXmlReferences } from './xml-references.decoder';
import { XmlRefusedError } from './xml-refused.error';

describe('decodeXmlReferences', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['&lt;&gt;&amp;&quot;&apos;', `<>&"'`],
    ['&#xC5;sa &#214;hman &#x1F600;', 'Åsa Öhman 😀'],
    ['&amp;#xC5; stays literal', '&#xC5; stays literal'],
  ])('%s', (raw, decoded) => {
    expect(decodeXmlReferences(raw)).toBe(decoded);
  });

  it.each(['AT & T', '&nbsp;', '&#0;', '&#x110000;'])('refuses %s (the scan refuses these first)', (raw) => {
    expect(() => decodeXmlReferences(raw)).toThrow(XmlRefusedError);
  });
});
