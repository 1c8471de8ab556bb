import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      eqeqeq: 'error',
      curly: 'error',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The layers (docs/ARCHITECTURE.md): src/core imports neither vscode nor the extension nor the CLI; the CLI and
  // the extension import the core, never each other.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core runs outside VS Code: it must not depend on vscode.' }],
          patterns: [{ regex: '^\\.\\.?/(\\.\\./)*(extension|cli)(/|$)', message: 'src/core is used by the extension and the CLI: it imports neither.' }],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The CLI runs outside VS Code: it must not depend on vscode.' }],
          patterns: [{ regex: '^\\.\\.?/(\\.\\./)*extension(/|$)', message: 'The CLI shares code with the extension through src/core only.' }],
        },
      ],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\.?/(\\.\\./)*cli(/|$)', message: 'The extension shares code with the CLI through src/core only.' }] }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      // Background work goes through logErrors (src/extension/shared/logErrors.ts): a failure must reach the log.
      'no-void': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
