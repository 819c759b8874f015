/** The error `fn` throws, to assert on its type and wording; a test fails when it throws nothing. */
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
