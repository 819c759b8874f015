/** A contract rule broken inside one element; the caller decides whether it rejects the document or one employee. */
export class ExportRuleError extends Error {
  constructor(readonly rule: string) {
    super(rule);
    this.name = 'ExportRuleError';
  }
}
