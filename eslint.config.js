import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];
const engineRule = 'simulation/ is a pure engine: no DOM, UI, Electron or Node modules (Node lives only in simulation/cli/).';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['simulation/**/*.ts'],
    ignores: ['simulation/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: engineRule })),
        patterns: [
          { regex: '^(node:.*|react(-dom)?(/.*)?|d3(-[a-z-]+)?(/.*)?|electron(/.*)?|zustand(/.*)?)$', message: engineRule },
          { regex: '(^|/)(renderer|electron)(/|$)', message: 'Imports flow one way (DESIGN 1): renderer and electron use the engine, never the reverse.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname', 'window', 'document'],
    },
  },
  {
    // The renderer reaches the host only through window.budgetcast: no Electron or Node modules (types of the contract are fine).
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser: no Node modules.' })), { name: 'electron', message: 'The renderer reaches the host only through window.budgetcast.' }],
        patterns: [{ regex: '^node:', message: 'The renderer runs in a browser: no Node modules.' }],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
