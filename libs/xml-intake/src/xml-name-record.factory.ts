/**
 * Records keyed by names from a document (attributes, namespace prefixes) must not reach
 * Object.prototype: `constructor` or `toString` must read as absent, and a `__proto__` key
 * must be a plain property. `Object.create(null)` gives that but makes a dictionary-mode
 * object, slow to fill (measured on the 20,000-client export); an instance of a constructor
 * whose prototype is an empty null-prototype object gives the same safety in fast mode.
 */
const NameRecord = function NameRecord(this: Record<string, string>) {} as unknown as new () => Record<string, string>;
NameRecord.prototype = Object.freeze(Object.create(null) as object);

export function nameRecord(): Record<string, string> {
  return new NameRecord();
}
