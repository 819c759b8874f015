/** The mapping-rules file is not usable; the message names the file, each rule path and what is wrong. */
export class MappingRulesError extends Error {
  override readonly name = 'MappingRulesError';

  constructor(
    readonly sourceName: string,
    readonly problems: string[],
  ) {
    super(`${sourceName}: invalid mapping rules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
