import { BrokenUppdragLocator } from './broken-uppdrag.locator';

/** Offset just past the element's end, or undefined, fed in pieces of `size` characters from offset 100. */
function locate(text: string, size: number, name = 'Uppdrag'): number | undefined {
  const locator = new BrokenUppdragLocator(name, 100);
  for (let i = 0; i < text.length; i += size) {
    const end = locator.push(text.slice(i, i + size));
    if (end !== undefined) return end - 100;
  }
  return undefined;
}

describe('BrokenUppdragLocator', () => {
  const cases: Array<[string, string, string, string?]> = [
    ['the first own end tag', '<Uppdrag id="1"><a></b></Uppdrag>', '<Uppdrag id="2"/>'],
    ['an end tag with spaces', '<Uppdrag><a></b></Uppdrag \r\n >', '</Uppdrag>'],
    ['not inside a CDATA section', '<Uppdrag><![CDATA[ </Uppdrag> ]]]]><a></b></Uppdrag>', ''],
    ['not inside a comment', '<Uppdrag><!-- </Uppdrag> - -- --><a></b></Uppdrag>', ''],
    ['not inside its own start tag', '<Uppdrag note="</Uppdrag>" x=\'>\'><a></b></Uppdrag>', ''],
    ['not a longer name', '<Uppdrag></UppdragX></Uppdrag>', ''],
    ['a prefixed name', '<u:Uppdrag></x></Uppdrag></u:Uppdrag>', '', 'u:Uppdrag'],
  ];

  it.each(cases.flatMap(([name, element, after, tag]) => [1, 2, 3, 7, 1000].map((size) => [name, size, element, after, tag ?? 'Uppdrag'] as const)))(
    '%s, in pieces of %i',
    (_name, size, element, after, tag) => {
      expect(locate(element + after, size, tag)).toBe(element.length);
    },
  );

  it.each([
    ['no end tag yet', '<Uppdrag><a></b>'],
    ['an end tag not yet complete', '<Uppdrag><a></b></Uppdrag  '],
    ['an unclosed CDATA section', '<Uppdrag><![CDATA[</Uppdrag>'],
  ])('%s: waits for more', (_name, text) => {
    expect(locate(text, 3)).toBeUndefined();
  });
});
