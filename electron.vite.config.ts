/**
 * electron-vite builds the three Electron bundles into out/: main (ESM, dependencies external),
 * preload (one self-contained CommonJS file, as a sandboxed preload must be) and the React renderer,
 * which `intseg serve` also serves to a browser tab.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The inference process is a second entry: Electron starts it as a utilityProcess.
        input: { index: resolve('src/main/index.ts'), 'inference-worker': resolve('src/main/inference/process/worker-entry.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      minify: true,
      sourcemap: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
