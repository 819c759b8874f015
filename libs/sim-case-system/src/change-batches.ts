import { ChangeEntry } from './case-system.store';

/**
 * Splits changes, in order, into documents of at most `size` assignments. A document
 * never holds two versions of one assignment: a new document starts instead, so each
 * document is a consistent snapshot and the order of versions is the order of documents.
 */
export function documentBatches(changes: readonly ChangeEntry[], size: number): ChangeEntry[][] {
  const batches: ChangeEntry[][] = [];
  let current: ChangeEntry[] = [];
  let ids = new Set<string>();
  for (const change of changes) {
    if (current.length >= size || ids.has(change.id)) {
      batches.push(current);
      current = [];
      ids = new Set();
    }
    current.push(change);
    ids.add(change.id);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
