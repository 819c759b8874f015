import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Node refuses `--cpu-prof` in NODE_OPTIONS, and a profile from boot to exit would hide the
// load among start-up and shutdown; so the process samples itself with the inspector's
// profiler: started on the first SIGUSR2, written to PROFILE_FILE on the second.
const PRELOAD = `
const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
let on = false;
process.on('SIGUSR2', () => {
  if (!on) { on = true; session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start'))); return; }
  on = false;
  session.post('Profiler.stop', (err, res) => { if (!err) fs.writeFileSync(process.env.PROFILE_FILE, JSON.stringify(res.profile)); });
});
`;

/** The environment that makes a spawned Node process profile itself between two SIGUSR2s into `file`. */
export function profilingEnv(file: string, nodeOptions = ''): NodeJS.ProcessEnv {
  const preload = join(tmpdir(), 'brygga-cpu-profile.preload.js');
  writeFileSync(preload, PRELOAD);
  mkdirSync(join(file, '..'), { recursive: true });
  return { NODE_OPTIONS: `${nodeOptions} --require ${preload}`.trim(), PROFILE_FILE: file };
}
