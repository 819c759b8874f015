import 'reflect-metadata';
import { formatResult } from './bench-result';
import { startBenchStack } from './bench-stack';
import { benchJournalMemory } from './journal-memory.bench';

/**
 * The journal's memory figures alone (README "Journal"): JOURNAL_BENCH_CLIENTS (2000),
 * JOURNAL_BENCH_ROUNDS (10), JOURNAL_BENCH_CHANGES (a tenth of the clients per round).
 * Built and run like `npm run bench`: tsc -p bench/tsconfig.json, then node on the output.
 */
async function main(): Promise<void> {
  const clients = Number(process.env.JOURNAL_BENCH_CLIENTS ?? 2000);
  const churnRounds = Number(process.env.JOURNAL_BENCH_ROUNDS ?? 10);
  const churnChanges = Number(process.env.JOURNAL_BENCH_CHANGES ?? Math.round(clients / 10));
  const stack = await startBenchStack();
  try {
    for (const r of await benchJournalMemory(stack, { clients, churnRounds, churnChanges, timeoutSeconds: 3600 })) console.log(formatResult(r));
  } finally {
    await stack.close();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
