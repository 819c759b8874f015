import { runRotateDataKey } from './rotate-data-key.cli';

// `npm run rotate-data-key` (tsx) with the middleware's environment, or after `npm run build`:
// `node dist/apps/middleware/src/data-key/rotate-data-key.main.js`.
void runRotateDataKey(process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then((code) => {
  process.exitCode = code;
});
