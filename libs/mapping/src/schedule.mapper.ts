import type { Employee, Reason, Schedule } from '@brygga/domain';
import { LocalTimesOutOfOrderError, SkippedLocalTimeError } from './local-time.errors';
import type { MappingRules, UnitRule } from './mapping-rules.types';
import type { SchedulePlan, ScheduleQuarantine, StaffPlan } from './schedule-plan.types';
import { StaffDayRuleError, staffDays } from './staff-days.mapper';
import { staffSkills } from './staff-skills.mapper';

/** The planning tool's Id pattern and skill length (planning-tool/openapi.yaml). */
const PLANNING_ID = /^[A-Za-z0-9_.:-]{1,80}$/;
const MAX_SKILL_LENGTH = 40;

/** Errors that mean "this employee's part cannot be applied", as opposed to a bug. */
const EMPLOYEE_ERRORS = [SkippedLocalTimeError, LocalTimesOutOfOrderError, StaffDayRuleError];
type EmployeeError = SkippedLocalTimeError | LocalTimesOutOfOrderError | StaffDayRuleError;

/** Why an employee cannot be planned, before it names the employee. */
type Problem = { problem: Reason };

const DUPLICATE_EMPLOYMENT_NUMBER: Problem = {
  problem: { code: 'schedule.duplicate-employment-number', path: 'Employee/@employmentNo', text: 'employmentNo is used by more than one employee in the export' },
};

/** A parsed export may carry employees already quarantined by the parser; they travel on into the plan. */
export type ScheduleInput = Schedule & { quarantined?: readonly ScheduleQuarantine[] };

/**
 * One unit's export -> what the planning tool must hold for it: every employee's staff
 * record and every day of the period. An employee whose part breaks a rule is
 * quarantined whole (none of their days are in the plan); the others apply.
 * `today` (`YYYY-MM-DD`) decides which delegations still count.
 */
export function mapSchedule(schedule: ScheduleInput, rules: MappingRules, today: string): SchedulePlan {
  const unitRule = rules.units[schedule.unit.id];
  if (unitRule === undefined) return { outcome: 'notServed', unitId: schedule.unit.id };
  const quarantined: ScheduleQuarantine[] = [...(schedule.quarantined ?? [])];
  const staff: StaffPlan[] = [];
  const shared = sharedEmploymentNumbers(schedule.employees);
  for (const employee of schedule.employees) {
    const planned = shared.has(employee.employmentNumber) ? DUPLICATE_EMPLOYMENT_NUMBER : planEmployee(employee, schedule, rules, unitRule, today);
    if ('problem' in planned) {
      const { problem } = planned;
      quarantined.push({ employeeId: employee.id, employmentNumber: employee.employmentNumber, reason: { ...problem, text: `employee ${employee.id}: ${problem.text}` } });
    } else staff.push(planned);
  }
  return {
    outcome: 'apply',
    tenant: unitRule.tenant,
    team: unitRule.team,
    unitId: schedule.unit.id,
    revision: schedule.revision,
    rulesVersion: rules.version,
    staff,
    quarantined,
  };
}

/**
 * The staff record's team: the home unit's (scheduling-system README). A home unit the
 * rules do not know, or one of another tenant, is never guessed at: the employee waits.
 */
function homeTeam(employee: Employee, unitId: string, unitRule: UnitRule, rules: MappingRules): { team: string } | Problem {
  if (employee.homeUnit === undefined || employee.homeUnit === unitId) return { team: unitRule.team };
  const path = 'Employee/@homeUnit';
  const home = rules.units[employee.homeUnit];
  if (home === undefined) return { problem: { code: 'mapping.unknown-unit', path, text: `homeUnit ${employee.homeUnit} is not a unit in the mapping rules (exported by unit ${unitId})` } };
  if (home.tenant !== unitRule.tenant) {
    return { problem: { code: 'mapping.unit-other-tenant', path, text: `homeUnit ${employee.homeUnit} is a unit of tenant ${home.tenant}, the exporting unit ${unitId} one of ${unitRule.tenant}` } };
  }
  return { team: home.team };
}

function planEmployee(employee: Employee, schedule: Schedule, rules: MappingRules, unitRule: UnitRule, today: string): StaffPlan | Problem {
  const home = homeTeam(employee, schedule.unit.id, unitRule, rules);
  if ('problem' in home) return home;
  if (!PLANNING_ID.test(employee.employmentNumber)) {
    return { problem: { code: 'mapping.invalid-staff-id', path: 'Employee/@employmentNo', text: 'employmentNo is not a valid planning-tool staff id ([A-Za-z0-9_.:-], 1 to 80 characters)' } };
  }
  const skills = staffSkills(employee, rules, today);
  if (skills.some((s) => s.length > MAX_SKILL_LENGTH)) {
    return { problem: { code: 'mapping.skill-too-long', path: 'Employee/Delegation/@type', text: `a delegation gives a skill longer than ${MAX_SKILL_LENGTH} characters` } };
  }
  try {
    // Every shift is the exporting unit's; the staff record is the home unit's.
    const days = staffDays(employee, schedule, rules, unitRule.team);
    const { employmentNumber, firstName, lastName } = employee;
    return { staffId: employmentNumber, staff: { employmentNumber, firstName, lastName, teamId: home.team, skills }, days };
  } catch (err) {
    if (EMPLOYEE_ERRORS.some((kind) => err instanceof kind)) return { problem: problemOf(err as EmployeeError) };
    throw err;
  }
}

function problemOf(err: EmployeeError): Reason {
  return err instanceof StaffDayRuleError ? { code: err.code, path: err.path, text: err.rule } : { code: err.code, text: err.message };
}

function sharedEmploymentNumbers(employees: readonly Employee[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const { employmentNumber } of employees) {
    if (seen.has(employmentNumber)) shared.add(employmentNumber);
    seen.add(employmentNumber);
  }
  return shared;
}
