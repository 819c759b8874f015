// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapters = ['case-system', 'planning-tool', 'scheduling-system'];
const noApps = { group: ['**/apps/**', 'apps/*'], message: 'libs never import apps' };

/** Import boundaries: libs never import apps; adapter libs never import each other. */
const boundaries = [
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps] }] },
  },
  ...adapters.map((adapter) => ({
    files: [`libs/${adapter}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              group: adapters.filter((a) => a !== adapter).flatMap((a) => [`@brygga/${a}`, `**/libs/${a}/**`]),
              message: 'adapter libs never import each other: go through @brygga/domain',
            },
          ],
        },
      ],
    },
  })),
  {
    // What an adapter's code (not its tests, which may drive a simulator) may know: the domain and the shared vendor-side toolkits.
    files: adapters.map((a) => `libs/${a}/**/*.ts`),
    ignores: ['**/*.spec.ts', '**/*.test-harness.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              group: ['@brygga/*', '!@brygga/domain', '!@brygga/xml-intake', '!@brygga/vendor-http', '**/libs/*/src/**'],
              message: 'an adapter imports only @brygga/domain and the shared @brygga/xml-intake and @brygga/vendor-http: no flow, mapping or other adapter',
            },
          ],
        },
      ],
    },
  },
  {
    // The XML intake both adapters share: pure text handling, no other Brygga lib, no I/O.
    files: ['libs/xml-intake/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [noApps, { group: ['@brygga/*', '**/libs/*/src/**', '@nestjs/*', 'bullmq', 'ioredis', 'axios', 'fs', 'node:fs*'], message: 'the XML intake is pure and depends on no other Brygga lib' }],
        },
      ],
    },
  },
  {
    // The HTTP base the adapters' pull clients share: below every adapter, so it may know none of them.
    files: ['libs/vendor-http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [noApps, { group: ['@brygga/*', '!@brygga/domain', '**/libs/*/src/**'], message: 'the vendor HTTP lib imports no other Brygga lib except @brygga/domain' }],
        },
      ],
    },
  },
  {
    // The flow kernel both flows stand on: it knows no flow, adapter or mapping (only Redis and BullMQ).
    files: ['libs/flow-kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [noApps, { group: ['@brygga/*', '!@brygga/testing', '!@brygga/domain', '!@brygga/data-seal', '**/libs/*/src/**'], message: 'the flow kernel depends on no flow, adapter or mapping' }],
        },
      ],
    },
  },
  {
    // Sealing personal data at rest: node:crypto and the config's error, below the kernel, so it knows no flow.
    files: ['libs/data-seal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [noApps, { group: ['@brygga/*', '!@brygga/config', '!@brygga/testing', '**/libs/*/src/**'], message: 'the data-seal lib imports only @brygga/config (and @brygga/testing in specs)' }],
        },
      ],
    },
  },
  {
    // Operations (the admin API's and page's services) see the flows only through the kernel's FlowOperations.
    files: ['libs/operations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              group: ['@brygga/*', '!@brygga/queue', '!@brygga/flow-kernel', '!@brygga/admin-access', '!@brygga/domain', '!@brygga/config', '!@brygga/testing', '**/libs/*/src/**'],
              message: 'the operations lib imports only queue, flow-kernel, admin-access, domain and config: a flow shows itself through @OperatedFlow()',
            },
          ],
        },
      ],
    },
  },
  {
    // The journal hears the flows through the kernel's observer: it knows no flow, adapter or mapping.
    files: ['libs/journal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              group: ['@brygga/*', '!@brygga/flow-kernel', '!@brygga/queue', '!@brygga/admin-access', '!@brygga/domain', '!@brygga/testing', '**/libs/*/src/**'],
              message: 'the journal lib imports only flow-kernel, queue, admin-access and domain: the flows tell it through FlowOutcomeObserver.event',
            },
          ],
        },
      ],
    },
  },
  ...['interventions', 'schedules'].map((flow) => ({
    files: [`libs/${flow}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              group: ['interventions', 'schedules'].filter((f) => f !== flow).flatMap((f) => [`@brygga/${f}`, `**/libs/${f}/**`]),
              message: 'the two flows never import each other: what both need lives in @brygga/flow-kernel',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/mapping/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [noApps, { group: ['@nestjs/*', 'bullmq', 'ioredis', 'axios', 'fs', 'node:*'], message: 'the mapping lib is pure: no NestJS, no I/O' }],
        },
      ],
    },
  },
  {
    // Specs and fixtures may load the shipped rules through @brygga/config; the mapping itself may not.
    files: ['libs/mapping/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.fixture.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            { group: ['@nestjs/*', 'bullmq', 'ioredis', 'axios', 'fs', 'node:*'], message: 'the mapping lib is pure: no NestJS, no I/O' },
            { group: ['@brygga/*', '!@brygga/domain', '**/libs/*/src/**'], message: 'the mapping lib imports only @brygga/domain' },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...boundaries,
);
