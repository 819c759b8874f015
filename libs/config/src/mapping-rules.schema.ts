import { IsBoolean, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/**
 * Shapes of the mapping-rules file, for class-validator. Maps keyed by code are walked
 * by the loader (so each error gets its own path); these classes hold the fixed shapes.
 */
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HHMM_MESSAGE = 'must be a local time HH:MM (00:00-23:59)';

/** A required, non-empty string; the messages are the file's own wording. */
function NonEmptyString(): PropertyDecorator {
  return (target, key) => {
    IsString({ message: 'must be a string' })(target, key);
    IsNotEmpty({ message: 'must not be empty' })(target, key);
  };
}

/** A map keyed by code; the loader walks its entries (each error with its own path). */
function KeyedMap(): PropertyDecorator {
  return IsObject({ message: 'must be a map' });
}

export class TenantRuleSchema {
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  baseUrl!: string;

  @Matches(/^[A-Z_][A-Z0-9_]*$/, { message: 'must be an environment variable name (A-Z, 0-9, _)' })
  tokenEnv!: string;

  /** A list of `{from, until, reason}`; the loader walks it (each window's errors with their own path). */
  @IsOptional()
  maintenance?: unknown;
}

export class TeamPlacementSchema {
  @NonEmptyString()
  tenant!: string;

  @NonEmptyString()
  team!: string;
}

export class PostalCodeTeamSchema {
  @Matches(/^\d{1,5}$/, { message: 'must be 1 to 5 digits' })
  prefix!: string;

  @NonEmptyString()
  team!: string;
}

export class ProviderRuleSchema extends TeamPlacementSchema {
  @IsOptional()
  postalCodeTeams?: unknown;
}

export class InterventionRuleSchema {
  @IsBoolean({ message: 'must be true or false' })
  planned!: boolean;

  @IsOptional()
  @NonEmptyString()
  activityCode?: string;

  @IsOptional()
  @NonEmptyString()
  title?: string;

  @IsOptional()
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(1, { message: 'must be at least 1' })
  @Max(600, { message: 'must be at most 600' })
  standardMinutes?: number;

  @IsOptional()
  @IsObject({ message: 'must be a map of time of day to minutes' })
  standardMinutesByTimeOfDay?: unknown;

  @IsOptional()
  requiredSkills?: unknown;
}

export class TimeWindowSchema {
  @Matches(HHMM, { message: HHMM_MESSAGE })
  earliest!: string;

  @Matches(HHMM, { message: HHMM_MESSAGE })
  latest!: string;
}

/** A scheduling unit is placed exactly like a provider's clients: a tenant and a team. */
export class UnitRuleSchema extends TeamPlacementSchema {}

export class MappingRulesRootSchema {
  @NonEmptyString()
  timeZone!: string;

  @KeyedMap()
  tenants!: unknown;

  @KeyedMap()
  providers!: unknown;

  @KeyedMap()
  interventions!: unknown;

  @KeyedMap()
  retiredCodes!: unknown;

  @KeyedMap()
  timesOfDay!: unknown;

  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(0, { message: 'must not be negative' })
  @Max(720, { message: 'must be at most 720' })
  exactTimeMarginMinutes!: number;

  @KeyedMap()
  units!: unknown;

  @KeyedMap()
  qualificationSkills!: unknown;

  @NonEmptyString()
  delegationSkillPrefix!: string;

  @KeyedMap()
  absenceReasons!: unknown;
}

export const ABSENCE_REASONS = ['SICK', 'VACATION', 'PARENTAL', 'TRAINING', 'OTHER'] as const;
