/**
 * Builds the renderer against the mock services for looking at it in a browser:
 *   npx vite build --config test/renderer/dev/vite.mock.config.ts   ->  .tmp/renderer-mock/mock.html
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../../.tmp/renderer-mock'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: resolve(import.meta.dirname, 'mock.html') },
  },
});
