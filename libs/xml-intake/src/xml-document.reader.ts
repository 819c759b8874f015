import { XMLValidator } from 'fast-xml-parser';
import type { XmlElement } from './xml-element.view';
import { type XmlAllowedNames, type XmlRecordSpan, scanXmlHazards } from './xml-hazard.scanner';
import { type XmlLimits, xmlLimits } from './xml-limits.config';
import { XmlRefusedError } from './xml-refused.error';
import { parseGuarded } from './xml-text.reader';
import { buildXmlTree } from './xml-tree.builder';

export interface XmlReadOptions {
  /** Element names the schema allows at a depth: others are refused by the scan, before a parser builds them. */
  allowed?: readonly XmlAllowedNames[];
  /**
   * Cut each child of the root holding more than `maxRecordElements` to its start tag
   * before parsing: the caller quarantines it by its attributes and never reads its content.
   */
  cutOversizedRecords?: boolean;
  limits?: Readonly<XmlLimits>;
}

export interface XmlDocument {
  root: XmlElement;
  /** Positions among the root's child elements of those cut to their start tag. */
  oversized: ReadonlySet<number>;
}

/**
 * Decoded text -> its root element, for both adapters: the hazard scan first (the
 * validator, the parser and the tree builder never meet a DOCTYPE, a depth or a size they
 * could choke on), then well-formedness, then the tree. Throws XmlRefusedError.
 */
export function readXmlDocument(text: string, options: XmlReadOptions = {}): XmlDocument {
  const scan = scanXmlHazards(text, options.limits ?? xmlLimits(), options.allowed);
  const cut = options.cutOversizedRecords ? scan.oversizedRecords : [];
  const parsed = withoutContentOf(text, cut);
  const valid = parseGuarded(() => XMLValidator.validate(parsed));
  if (valid !== true) {
    // The validator's own message may quote content; the code and position suffice.
    throw new XmlRefusedError(`not well-formed XML (${valid.err.code} at line ${valid.err.line}, column ${valid.err.col})`, 'malformed');
  }
  return { root: buildXmlTree(parsed), oversized: new Set(cut.map((r) => r.index)) };
}

function withoutContentOf(text: string, records: readonly XmlRecordSpan[]): string {
  if (records.length === 0) return text;
  let out = '';
  let from = 0;
  for (const r of records) {
    out += `${text.slice(from, r.startTagEnd - 1)}/>`;
    from = r.end;
  }
  return out + text.slice(from);
}
