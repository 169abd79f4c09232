// Lint rules: strict TypeScript, no floating promises, and deterministic workflow code.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const NO_BUILTINS = 'Workflow code must be deterministic: no Node built-ins.';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.tools',
      '.data',
      'eval/out',
      'coverage',
      // Code that breaks the rules on purpose; tests/unit/lint-workflows.test.ts lints it.
      'tests/fixtures/lint',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import-x/no-cycle': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Workflow code is replayed: no Node built-ins, no I/O, no clocks, activities by type only.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Every built-in in both forms: `fs`, `fs/promises` by name, `node:*` by pattern.
          paths: builtinModules.map((name) => ({ name, message: NO_BUILTINS })),
          patterns: [
            { group: ['node:*'], message: NO_BUILTINS },
            {
              group: [
                '../activities/*',
                '../activities',
                '**/storage/*',
                '**/ocr/*',
                'sharp',
                'minio',
                'tesseract.js',
              ],
              allowTypeImports: true,
              message: 'Workflows import activities as types only and never do I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Workflow code has no clock; activities time themselves.',
        },
        { object: 'Math', property: 'random', message: 'Use uuid4() from @temporalio/workflow.' },
      ],
    },
  },
  {
    // Tests index known fixtures and use vitest's asymmetric matchers (typed `any`).
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
