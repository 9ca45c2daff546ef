// Lint rules enforce the dependency rules of ARCHITECTURE.md ("Source layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns, paths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.tmp/**', 'test/fixtures/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Plain Node scripts (bin, build and start scripts) run in Node without a type checker.
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  // 1. core imports only core: nothing that is not a relative path, and never another layer.
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      { regex: '^(?!\\.)', message: 'src/core is pure: it imports only other core modules (relative paths).' },
      { group: ['**/shared/**', '**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/core imports only core.' },
    ]),
  },
  // 2. shared imports types from core only (plus the validation library).
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([
      { regex: '^(?!\\.|zod$)', message: 'src/shared imports only shared, zod and types from core.' },
      { group: ['**/core/**'], allowTypeImports: true, message: 'src/shared imports only types from core.' },
      { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared imports only core types.' },
    ]),
  },
  // 3. preload imports electron and shared only.
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([
      { regex: '^(?!\\.|electron$)', message: 'src/preload imports electron and shared only.' },
      { group: ['**/core/**', '**/main/**', '**/renderer/**'], message: 'src/preload imports electron and shared only.' },
    ]),
  },
  // 4. renderer never imports electron, node:*, main or preload; only api/client.ts touches window.api.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [
          { regex: '^node:', message: 'the renderer runs in a browser sandbox: no Node modules.' },
          { group: ['**/main/**', '**/preload/**'], message: 'the renderer talks to main only through api/client.ts.' },
        ],
        [{ name: 'electron', message: 'the renderer never imports electron; use api/client.ts.' }],
      ),
      'no-restricted-properties': ['error', { object: 'window', property: 'api', message: 'only src/renderer/src/api/client.ts touches window.api.' }],
    },
  },
  {
    files: ['src/renderer/src/api/client.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // 5. main never imports renderer; only storage/ opens SQLite; only inference/ loads models;
  //    only ipc/, window.ts, index.ts and the Electron inference launcher touch Electron.
  {
    files: ['src/main/**/*.ts'],
    rules: restrict(
      [{ group: ['**/renderer/**', '**/preload/**'], message: 'main never imports the renderer or preload.' }],
      [
        { name: 'better-sqlite3', message: 'only src/main/storage opens SQLite.' },
        { name: 'onnxruntime-node', message: 'only src/main/inference loads models.' },
        { name: '@huggingface/transformers', message: 'only src/main/inference loads models.' },
        { name: 'electron', message: 'only src/main/ipc, window.ts, index.ts and inference/electron-launcher.ts touch Electron.' },
      ],
    ),
  },
  {
    files: ['src/main/storage/**/*.ts'],
    rules: restrict(
      [{ group: ['**/renderer/**', '**/preload/**'], message: 'main never imports the renderer or preload.' }],
      [
        { name: 'onnxruntime-node', message: 'only src/main/inference loads models.' },
        { name: '@huggingface/transformers', message: 'only src/main/inference loads models.' },
        { name: 'electron', message: 'storage never touches Electron.' },
      ],
    ),
  },
  {
    files: ['src/main/inference/**/*.ts'],
    ignores: ['src/main/inference/electron-launcher.ts'],
    rules: restrict(
      [{ group: ['**/renderer/**', '**/preload/**'], message: 'main never imports the renderer or preload.' }],
      [
        { name: 'better-sqlite3', message: 'only src/main/storage opens SQLite.' },
        { name: 'electron', message: 'only inference/electron-launcher.ts touches Electron.' },
      ],
    ),
  },
  {
    files: ['src/main/ipc/**/*.ts', 'src/main/window.ts', 'src/main/index.ts', 'src/main/inference/electron-launcher.ts'],
    rules: restrict(
      [{ group: ['**/renderer/**', '**/preload/**'], message: 'main never imports the renderer or preload.' }],
      [
        { name: 'better-sqlite3', message: 'only src/main/storage opens SQLite.' },
        { name: 'onnxruntime-node', message: 'only src/main/inference loads models.' },
        { name: '@huggingface/transformers', message: 'only src/main/inference loads models.' },
      ],
    ),
  },
);
