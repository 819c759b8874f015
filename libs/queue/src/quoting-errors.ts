/**
 * JSON.parse's SyntaxError quotes the text it failed on (`Unexpected token 'M', "{"name": Märta"...`):
 * read from a stored part or a vendor's answer, that text can be a person's data. Its message
 * and the first line of its stack are replaced before the error goes where it is kept or
 * logged (BullMQ's failedReason and stacktrace, the log); the class and frames stay. Every
 * other error of ours is built from ids, codes and field names.
 */
export const WITHHELD = 'unreadable JSON (the parser’s message is withheld: it quotes the data)';

export function withoutQuotedData<T>(error: T): T {
  if (!(error instanceof SyntaxError) || error.message === WITHHELD) return error;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  error.message = WITHHELD;
  error.stack = [`${error.name}: ${WITHHELD}`, ...frames].join('\n');
  return error;
}
