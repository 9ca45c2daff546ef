// Builds the renderer, Electron bundles and the Node bundles once before the end-to-end tests,
// so they always run against the current source.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
