/** One runner for everything: unit specs beside the code, integration specs (real Redis) and e2e specs in test/. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // NestJS 12 ships ESM only; see jest.esm-to-cjs.js for why Jest on Node 20 needs it as CommonJS.
    '/node_modules/@nestjs/.+\\.js$': '<rootDir>/jest.esm-to-cjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  // Tests must pass on a slow, busy machine: generous timeouts, speed belongs in `npm run bench`.
  testTimeout: 60000,
  maxWorkers: 2,
};
