/**
 * `npm run test:faults`: the middleware as separate processes under a generated load while
 * a fault is injected (a worker killed, Redis restarted or crashed, the planning tool down).
 * Apart from the normal run (their testMatch is not the base config's), so their minutes are
 * spent once; one file at a time, as each starts its own processes on a 2-core machine.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/*.fault-spec.ts'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/support/global-teardown.ts',
  testTimeout: 600000,
  maxWorkers: 1,
};
