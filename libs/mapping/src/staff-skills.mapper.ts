import type { Employee } from '@brygga/domain';
import type { MappingRules } from './mapping-rules.types';

/**
 * The planning tool's skills of one employee on `today` (`YYYY-MM-DD`): the
 * qualification's skills, plus the delegation prefix + type in capitals for every
 * delegation still valid (validTo >= today). Sorted, without duplicates; re-run
 * daily, since delegations expire without a new export.
 */
export function staffSkills(employee: Pick<Employee, 'qualification' | 'delegations'>, rules: Pick<MappingRules, 'qualificationSkills' | 'delegationSkillPrefix'>, today: string): string[] {
  const skills = new Set(rules.qualificationSkills[employee.qualification] ?? []);
  for (const delegation of employee.delegations) {
    // ISO dates compare correctly as strings.
    if (delegation.validTo >= today) skills.add(delegationSkill(delegation.type, rules.delegationSkillPrefix));
  }
  return [...skills].sort();
}

/** `lakemedel` -> `DEL-LAKEMEDEL`, Swedish letters kept (`läkemedel` -> `DEL-LÄKEMEDEL`). */
export function delegationSkill(type: string, prefix: string): string {
  return prefix + type.toLocaleUpperCase('sv-SE');
}
