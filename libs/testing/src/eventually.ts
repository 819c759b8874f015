/**
 * Polls until `check` gives a value (not undefined) or the deadline passes, naming what it
 * waited for and the last error on the way; generous by default, as machines are slow and busy.
 */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 45_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
