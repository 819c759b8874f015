import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers a worker process's CPU priority to `nice` (WORKER_NICE), so that on a host shared
 * with an API process the pushes are answered first: a vendor waits for each answer, while
 * the jobs wait in their queue, which is what the queue is for. With the CPU to spare it
 * changes nothing; under a burst, the workers take what the API leaves (README, Benchmarks:
 * the acceptance part's p99 with and without it). The price, and why it is not the default:
 * a worker that yields the CPU also sends late what it was admitted to send, so under a
 * saturated host a write can reach a tenant after its Retry-After hold began (the planning
 * outage fault test saw one arrive more than 500 ms after the hold, at nice 10).
 *
 * Linux gives each thread its own nice value and setpriority(2) on the process id changes
 * only the main thread; the threads already running (V8's compiler and garbage-collector
 * helpers, libuv's pool) are each set from /proc/self/task. Threads started later inherit
 * the value. Answers how many threads were set; elsewhere only the process (the main thread).
 */
export function lowerWorkerPriority(nice: number): number {
  if (nice === 0) return 0;
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    setPriority(0, nice);
    return 1;
  }
  let set = 0;
  for (const tid of threads) {
    try {
      setPriority(Number(tid), nice);
      set++;
    } catch (error) {
      // A thread that ended since the directory was read has nothing left to set.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return set;
}
