/**
 * electron-vite builds the three Electron bundles into out/: main (ESM, dependencies external),
 * preload (one self-contained CommonJS file, as a sandboxed preload must be) and the React renderer,
 * which `intseg serve` also serves to a browser tab.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/main/ipc/security';

/**
 * The built renderer carries its CSP in a meta tag: the desktop window loads it from file://, where no
 * response header can carry one (serve adds the header too; both apply). Not in dev, where the React refresh
 * preamble is an inline script and the Electron main sets a dev policy as a header instead.
 */
function contentSecurityPolicyMeta(): Plugin {
  const policy = contentSecurityPolicy({ connectSources: ['intseg-asset:'], imageSources: ['intseg-asset:'] })
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'intseg-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
  };
}

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
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      minify: true,
      sourcemap: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
