import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Layers: which folder may not import which. Specifiers are relative, so each pattern is a
 * regex over the specifier: `(../)+server/` from inside shared/ can only climb to the
 * repository's server/ (no folder below shared/, client/ or server/ shares these names).
 */
const layer = {
  clientImportsServer: {
    regex: '^(\\.\\./)+server(/|$)',
    message: 'The client never imports the server: share code through shared/.',
  },
  sharedImportsSide: {
    regex: '^(\\.\\./)+(server|client)(/|$)',
    message: 'shared/ runs on both sides: it never imports server/ or client/.',
  },
  boardImportsBoards: {
    regex: '^(\\.\\./)+boards(/|$)',
    message: 'The editor (board/) never imports the boards page: move what both use to ui/.',
  },
  busImportsSync: {
    regex: '^(\\.\\./)+sync(/|$)',
    message: 'The bus sits below sync: it never imports server/sync.',
  },
  httpImportsSyncInternals: {
    regex: '^(\\.\\./)+sync/(?!(index|roomContract)\\.js$)',
    message: 'HTTP routes use sync only through server/sync/index.ts (or roomContract.ts).',
  },
};

/** Flat config replaces a rule's options per file, so each folder lists every layer it obeys. */
const layerRule = (...patterns) => ({
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

// Lines as `wc -l` counts them (blank lines and comments included), the measure the issues use.
const SOURCE_FILES = ['server/**', 'shared/**', 'client/**', 'scripts/**'];
const MAX_SOURCE_LINES = 400;
const MAX_FUNCTION_LINES = 150;
// Test suites read best whole, and a describe() callback is as long as its suite: tests get a
// higher file cap and no function cap.
const MAX_TEST_LINES = 800;

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Type-aware rules: each file is checked with its own project (server/, client/, shared/
    // tsconfig.json, or the root one for tests and scripts).
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A `default` branch is a decision the reader sees ("every other kind: no badge"); the
      // rule catches switches without one that miss a member of their union.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: SOURCE_FILES,
    rules: {
      'max-lines': ['error', { max: MAX_SOURCE_LINES, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: MAX_FUNCTION_LINES, skipBlankLines: false, skipComments: false },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: {
      'max-lines': ['error', { max: MAX_TEST_LINES, skipBlankLines: false, skipComments: false }],
    },
  },
  { files: ['client/**'], ...layerRule(layer.clientImportsServer) },
  {
    files: ['client/src/board/**'],
    ...layerRule(layer.clientImportsServer, layer.boardImportsBoards),
  },
  { files: ['shared/**'], ...layerRule(layer.sharedImportsSide) },
  { files: ['server/bus/**'], ...layerRule(layer.busImportsSync) },
  { files: ['server/http/**'], ...layerRule(layer.httpImportsSyncInternals) },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['client/public/sw.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
