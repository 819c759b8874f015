import type { AbsenceCode, Qualification, TenantRule, TimeOfDayName } from '@brygga/domain';

/**
 * The municipality's mapping rules, as data (the YAML file at MAPPING_RULES_FILE).
 * Loaded and validated outside this lib; the mapping only reads them.
 */
export interface ProviderRule {
  tenant: string;
  /** Default team of the provider's clients. */
  team: string;
  /** First matching prefix of the client's postal code (digits only, e.g. `904`) wins. */
  postalCodeTeams?: Array<{ prefix: string; team: string }>;
}

export interface InterventionRule {
  /** False for codes that are granted but never planned (LARM): no service order. */
  planned: boolean;
  activityCode?: string;
  title?: string;
  /** Minutes per visit when the intervention carries no Schablon. */
  standardMinutes?: number;
  /** Exceptions to standardMinutes by time of day (TILLSYN at natt: 5). */
  standardMinutesByTimeOfDay?: Partial<Record<TimeOfDayName, number>>;
  /** Skills always required, whatever the decision says. */
  requiredSkills?: string[];
}

export interface UnitRule {
  tenant: string;
  team: string;
}

/** The planning-tool adapter reads tenants too, so their shape lives in the domain. */
export type { TenantRule };

export interface MappingRules {
  /** Content hash of the rules file; recorded with everything the rules produced. */
  version: string;
  timeZone: string;
  tenants: Record<string, TenantRule>;
  providers: Record<string, ProviderRule>;
  interventions: Record<string, InterventionRule>;
  /** Retired code -> the code that replaced it (HYG -> PH). */
  retiredCodes: Record<string, string>;
  timesOfDay: Record<TimeOfDayName, { earliest: string; latest: string }>;
  /** An agreed exact time gives the window tid ± this many minutes. */
  exactTimeMarginMinutes: number;
  units: Record<string, UnitRule>;
  qualificationSkills: Record<Qualification, string[]>;
  /** A delegation X gives (and an intervention's Delegering X requires) this prefix + X in capitals. */
  delegationSkillPrefix: string;
  absenceReasons: Record<AbsenceCode, 'SICK' | 'VACATION' | 'PARENTAL' | 'TRAINING' | 'OTHER'>;
}
