import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Removes the compiled middleware (main is <dir>/apps/middleware/src/main.js). */
export default async function globalTeardown(): Promise<void> {
  const main = process.env.BRYGGA_FAULTS_MAIN;
  if (main) await rm(dirname(dirname(dirname(dirname(main)))), { recursive: true, force: true });
}
