/** How a spec file starts, stops and (optionally) empties its one server. */
export interface SpecServerHooks<T extends object> {
  start(): Promise<T>;
  stop(server: T): Promise<void>;
  /** Run before each test, so tests never see each other's state. */
  reset?(server: T): Promise<void>;
}

/**
 * One server for a whole spec file: started in `beforeAll`, stopped in `afterAll`, reset in
 * `beforeEach` when `reset` is given. Call it inside `describe`. Starting a server per file
 * rather than per test keeps slow Nest boots out of every test.
 *
 * The returned object stands in for the server before it exists (describe bodies run before
 * `beforeAll`): each property read is forwarded to the started server, so specs write
 * `sim.http` as if they held it directly. Reading it outside a test or hook throws.
 */
export function serverPerSpecFile<T extends object>(hooks: SpecServerHooks<T>): T {
  let server: T | undefined;
  const started = (): T => {
    if (server === undefined) throw new Error('the spec server is not started: use it inside a test or a hook');
    return server;
  };
  beforeAll(async () => {
    server = await hooks.start();
  });
  afterAll(async () => {
    // A failed start leaves nothing to stop; the start's own error is the one to see.
    if (server !== undefined) await hooks.stop(server);
    server = undefined;
  });
  if (hooks.reset) {
    const reset = hooks.reset;
    beforeEach(async () => reset(started()));
  }
  return new Proxy({} as T, { get: (_target, key) => Reflect.get(started(), key) });
}
