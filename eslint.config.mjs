import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    // Rules that need the types: a promise nobody awaits loses its error (a save that failed would
    // look done), and a switch over a union must name every case (a new action state, say).
    files: ['**/*.{ts,tsx,mts}'],
    ignores: ['**/*.d.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Screens load their data in an effect through useChannel (loading state set before the call);
      // this compiler-era rule flags that standard pattern.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '**/src-preload/**'],
              message: 'The renderer talks to main through src-shared and window.api only.',
            },
          ],
          paths: [
            {
              name: 'antd',
              importNames: ['InputNumber'],
              message: 'Use components/NumberInput: it reads full-width digits typed on a Chinese PC (typedNumber).',
            },
          ],
        },
      ],
    },
  },
  {
    // The core runs in plain Node (web host, CLI, tests): only electron/ and index.ts may import electron.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron/ and src-main/index.ts import electron.' }] },
      ],
    },
  },
);
