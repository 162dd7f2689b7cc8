// ESLint flat config. The core's purity rules are the point: packages/core/src must stay free of I/O, the DOM,
// timers, clocks, randomness and logging so it runs identically in Node, a browser worker and tests.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const coreForbiddenGlobals = [
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'WebSocket',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask',
  'requestAnimationFrame', 'console', 'process', 'Buffer', 'require', 'performance', 'crypto', 'global', 'globalThis',
].map((name) => ({ name, message: `packages/core is pure: '${name}' is I/O, a timer, a clock or a host global.` }));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.cache/**', '.cluster/**', '.reports/**', 'tools/cluster/go/**', '**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'packages/core is pure: no Node.js modules.' },
            { group: ['fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'util', 'events', 'stream', 'worker_threads'], message: 'packages/core is pure: no Node.js modules.' },
            { group: ['react', 'react-dom', 'monaco-editor', '@xyflow/*', 'express', '@kubernetes/*', 'pg', '@electric-sql/*'], message: 'packages/core may depend on pure libraries only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...coreForbiddenGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'packages/core is deterministic: no randomness.' },
        { object: 'Date', property: 'now', message: 'packages/core has no clock: pass time in.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'packages/core has no clock: pass time in.' },
      ],
    },
  },
  // The web app runs in the browser (and its workers): browser globals, React's rules of hooks.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
