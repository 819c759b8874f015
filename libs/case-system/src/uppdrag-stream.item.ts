import type { UppdragContext } from './parsed-export.types';

/** What `splitUppdragStream` hands out, in document order. */
export type UppdragStreamItem =
  /** Always first: what every Uppdrag element needs to be parsed alone (`parseUppdragElement`). */
  | { kind: 'header'; context: UppdragContext }
  /** One `<Uppdrag>…</Uppdrag>` element's text, decoded, exactly as written. */
  | { kind: 'uppdrag'; index: number; xml: string };
