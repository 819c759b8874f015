import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder above this file that holds package.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * Where the vendors' contracts live: CONTRACTS_DIR, else `../shared/contracts` beside
 * the repository (the layout of every checkout and of CI).
 */
export function contractsDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.CONTRACTS_DIR ? resolve(env.CONTRACTS_DIR) : resolve(repoRoot(), '..', 'shared', 'contracts');
  if (!existsSync(join(dir, 'README.md'))) {
    throw new Error(`CONTRACTS_DIR: no contracts at ${dir} (set CONTRACTS_DIR to the folder holding the vendors' contracts)`);
  }
  return dir;
}
