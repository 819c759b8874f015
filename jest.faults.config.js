/**
 * `npm run test:faults`: the middleware as separate processes under a generated load while
 * a fault is injected (a worker killed, Redis restarted or crashed, the planning tool down).
 * Apart from the normal run (their testMatch is not the base config's), and run by `.ci/run`
 * after it. Two files at a time: much of a fault file is waiting (a 60 s outage, a dead
 * worker's 60 s lock and stalled check, polls and backoffs), so a second one uses the idle
 * core; each file starts its own processes on its own queue prefix (or its own redis-server).
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/*.fault-spec.ts'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/support/global-teardown.ts',
  testTimeout: 600000,
  maxWorkers: 2,
};
