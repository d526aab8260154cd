// Lint rules, including the layer import rule from docs/ARCHITECTURE.md:
// imports only point down (core <- contracts <- db <- services <- server/cli).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'net',
  'url',
];
const ioPackages = [
  'better-sqlite3',
  'pg',
  'kysely',
  'kysely/*',
  'fastify',
  '@fastify/*',
  'commander',
];

/** Build a no-restricted-imports rule that forbids the given layers (relative imports). */
function forbidLayers(layers, extraPatterns = [], message = 'Imports only point down.') {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...layers.map((layer) => ({
            group: [`**/${layer}/*`, `../${layer}`, `../${layer}/*`],
            message: `${message} See docs/ARCHITECTURE.md.`,
          })),
          ...(extraPatterns.length > 0
            ? [{ group: extraPatterns, message: `${message} See docs/ARCHITECTURE.md.` }]
            : []),
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', '.bench/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...forbidLayers(
        ['contracts', 'db', 'services', 'server', 'cli', 'web'],
        [...nodeBuiltins, ...ioPackages, 'zod'],
        'core is pure: no I/O, no outer layers.',
      ),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass the clock in.' },
        { object: 'Math', property: 'random', message: 'Pass the random source in.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass the clock in.',
        },
      ],
    },
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: forbidLayers(['db', 'services', 'server', 'cli', 'web'], [...ioPackages]),
  },
  {
    files: ['src/db/**/*.ts'],
    rules: forbidLayers(
      ['contracts', 'services', 'server', 'cli', 'web'],
      ['fastify', 'commander'],
    ),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: forbidLayers(['server', 'cli', 'web'], ['fastify', '@fastify/*', 'commander']),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: forbidLayers(['cli', 'web'], ['commander']),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: forbidLayers(['web']),
  },
  {
    // The dashboard runs in the browser and talks to Accord only over HTTP: it may borrow the
    // core's and contracts' *types* (erased at build), never their code, and no server layer.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly' },
    },
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/*', '**/contracts/*', '../core', '../contracts'],
              allowTypeImports: true,
              message:
                'The dashboard uses only types from core/contracts. See docs/ARCHITECTURE.md.',
            },
            {
              group: ['**/db/*', '**/services/*', '**/server/*', '**/cli/*'],
              message: 'The dashboard talks to Accord over HTTP only. See docs/ARCHITECTURE.md.',
            },
            {
              group: [...nodeBuiltins, ...ioPackages, 'zod'],
              message: 'The dashboard runs in the browser. See docs/ARCHITECTURE.md.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
);
