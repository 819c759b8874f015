import type { VersionedRules } from '@brygga/flow-kernel';

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
  /** The rules in force in this process (the flows know their shape). */
  current(): VersionedRules;
  /** The rules file's text as it is now (to keep it as a version before the first apply replaces it). */
  fileText(): string;
  /**
   * Writes `text` as the rules file (whole, or not at all) and takes it into force here as a
   * reload would; refused (the file as it was) when its tenants have no usable planning client.
   */
  replace(text: string, trigger: string): RulesReload;
}

export const RULES_CONTROL = Symbol('brygga:rules-control');

/** How far an applied rules version has reached: the live processes that hold it, and those that did not in time. */
export interface RulesPropagated {
  processes: number;
  /** Process ids (host, pid, role) still on other rules when the wait ended. */
  lagging: string[];
}

/**
 * Tells every process of the installation that a rules version was applied (the file was
 * written), and waits, within a bound, until each live process holds it. Provided by the
 * app under RULES_PROPAGATION.
 */
export interface RulesPropagation {
  announce(version: string): Promise<RulesPropagated>;
}

export const RULES_PROPAGATION = Symbol('brygga:rules-propagation');
