// Lint rules, including the one-way data flow of DESIGN.md:
// cli → import/db → analytics → report → output. A layer never imports a layer to its left.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// `allowed`: modules of a forbidden layer that may still be imported (the message catalogue, a leaf every layer speaks through)
const layer = (files, forbidden, why, allowed = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({
          group: [`**/${group}/**`, `../${group}/*`, `./${group}/*`, ...allowed.filter((a) => a.startsWith(`${group}/`)).map((a) => `!**/${a}`)],
          message: why,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  layer(['src/domain/**/*.ts'], ['cli', 'import', 'db', 'analytics', 'report', 'output'], 'domain holds types and pure value helpers only'),
  layer(['src/analytics/**/*.ts'], ['cli', 'import', 'db', 'report', 'output'], 'analytics are pure: no db, no cli, no report, no output'),
  // the report layer imports domain, analytics, identity, output (the shapes it hands on) and itself; never cli, db,
  // import or the warehouse's SQL
  layer(['src/report/**/*.ts'], ['cli', 'import', 'db', 'warehouse'], 'the report layer turns analytic results into columns, words and charts: it reads no database, no file and no SQL'),
  layer(['src/output/**/*.ts'], ['cli', 'import', 'db', 'analytics', 'report'], 'output renders rows; it knows nothing of their origin'),
  layer(['src/warehouse/**/*.ts'], ['cli', 'import', 'db', 'analytics', 'report', 'output'], 'warehouse SQL is text made from the orders-table contract alone'),
  layer(['src/db/**/*.ts', 'src/import/**/*.ts'], ['cli', 'report', 'output'], 'import/db sit left of report and output and right of cli (they say things through the message catalogue only)', [
    'report/messages.js',
    'report/said.js',
  ]),
  layer(['src/identity/**/*.ts'], ['cli', 'import', 'db', 'analytics', 'report', 'output'], 'buyer keys and slots serve import and db alike: they import domain only'),
  {
    // the reading half of an import (file → normalized orders, also in a worker thread) never touches the
    // database; importer.ts, the writing half, does
    ...layer(['src/import/**/*.ts'], ['cli', 'report', 'output', 'db'], 'the reading half of an import never imports db/ (only importer.ts writes), nor, as all of import/, cli, report or output', ['report/messages.js', 'report/said.js']),
    ignores: ['src/import/importer.ts'],
  },
  {
    // one module per subcommand: what two commands share lives in src/cli (wiring) or src/report (report builders)
    files: ['src/cli/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['./*', '../commands/*'], message: 'a command never imports another command: move what they share to src/cli or src/report' }] }],
    },
  },
);
