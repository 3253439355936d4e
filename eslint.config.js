import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'src/generated/', 'data/', 'test-artifacts/', 'bin/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name="it"][callee.property.name=/^(only|skip|todo)$/]',
          message: 'No focused or skipped tests.',
        },
        {
          selector: 'CallExpression[callee.object.name="describe"][callee.property.name=/^(only|skip|todo)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
  {
    // Domain code never reads the clock or touches I/O: it takes `now` and data.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
          message: 'Domain code takes `now`; do not read the clock.',
        },
        {
          selector: 'MemberExpression[object.name="Date"][property.name="now"]',
          message: 'Domain code takes `now`; do not read the clock.',
        },
        {
          selector: 'MemberExpression[object.name="DateTime"][property.name="now"]',
          message: 'Domain code takes `now`; do not read the clock.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '../usecases/*',
            '../slack/*',
            '../store/*',
            '../sandbox/*',
            'node:fs',
            'node:http',
            '@slack/*',
            '@prisma/*',
          ],
        },
      ],
    },
  },
);
