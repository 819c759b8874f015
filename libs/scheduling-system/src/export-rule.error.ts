import type { ReasonCode } from '@brygga/domain';

/**
 * A contract rule broken inside one element; the caller decides whether it rejects the
 * document or one employee. `rule` is the wording (path and rule, never a value); `code`
 * and `path` are what a quarantine counts and shows beside it.
 */
export class ExportRuleError extends Error {
  constructor(
    readonly code: ReasonCode,
    readonly path: string,
    readonly rule: string,
  ) {
    super(rule);
    this.name = 'ExportRuleError';
  }
}
