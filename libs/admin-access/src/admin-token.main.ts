import { runAdminTokenCli } from './admin-token.cli';

// `npm run admin-token -- --name ops-anna --role operator` (tsx), or after `npm run build`:
// `node dist/libs/admin-access/src/admin-token.main.js --name ops-anna --role operator`.
process.exitCode = runAdminTokenCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
