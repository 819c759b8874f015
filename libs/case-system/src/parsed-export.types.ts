import type { Assignment, Reason } from '@brygga/domain';

/** The root attributes of an Uppdragsexport. */
export interface ExportHeader {
  skapad: string;
  sekvens: number;
  kalla: string;
}

/** One Uppdrag: usable, or rejected on its own with every reason found (never personal values). */
export type UppdragResult =
  | { ok: true; assignment: Assignment }
  | { ok: false; assignmentId?: string; version?: number; reasons: Reason[] };

export interface ParsedExport {
  header: ExportHeader;
  results: UppdragResult[];
}

/** What an Uppdrag element needs from its document to be parsed alone. */
export interface UppdragContext {
  header: ExportHeader;
  /** The root element's qualified name, e.g. `Uppdragsexport` or `u:Uppdragsexport`. */
  rootName: string;
  /** The root's namespace declarations (`xmlns`, `xmlns:u`) with their values. */
  namespaceDeclarations: Record<string, string>;
}
