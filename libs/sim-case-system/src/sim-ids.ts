/**
 * The simulator's id counters. Ids are stable across versions and never reused, so
 * they live with the store's state rather than in a generator run.
 */
export class SimIds {
  private assignment = 0;
  private decision = 90_000;
  private intervention = 100_000;

  nextAssignmentId(startYear: string): string {
    this.assignment += 1;
    return `UPP-${startYear}-${String(this.assignment).padStart(5, '0')}`;
  }

  nextDecisionId(): string {
    this.decision += 1;
    return `BES-${this.decision}`;
  }

  nextInterventionId(): string {
    this.intervention += 1;
    return `INS-${this.intervention}`;
  }
}
