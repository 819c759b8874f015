/** The mapping rules in force, as operations see them. */
export interface RulesStatus {
  version: string;
  /** When this process took them into force. */
  loadedAt: string;
  /** Where they were read from (the rules file's path). */
  source: string;
  /** The tenants they name. */
  tenants: string[];
}

/** `accepted`: new rules in force; `unchanged`: the file holds the version in force; `refused`: the file (or a tenant it names) is wrong, the rules in force stay. */
export type RulesReloadOutcome = 'accepted' | 'unchanged' | 'refused';

export interface RulesReload {
  outcome: RulesReloadOutcome;
  /** Why it was refused, in the loader's words (file, rule and problem; never a value of a document). */
  problem?: string;
  status: RulesStatus;
}

/**
 * What the process that holds the rules offers operations. Provided by the app (which
 * owns the rules) under RULES_CONTROL; the lib never builds rules itself.
 */
export interface RulesControl {
  status(): RulesStatus;
  reload(trigger: string): RulesReload;
}

export const RULES_CONTROL = Symbol('brygga:rules-control');
