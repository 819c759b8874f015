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
