import { compileMiddleware } from '../../support/captured-processes';

/** Compiles the middleware once for every fault spec (each starts its processes from it). */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const compiled = await compileMiddleware();
  // Test files run in workers started after this, which inherit the environment.
  process.env.BRYGGA_FAULTS_MAIN = compiled.main;
  console.log(`\n[faults] middleware compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
