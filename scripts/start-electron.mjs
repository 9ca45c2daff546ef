#!/usr/bin/env node
// `npm start`: the desktop app in development (electron-vite dev). Two things Electron needs that the
// CLI does not: its own binary (the electron package downloads it on first launch) and better-sqlite3
// compiled for Electron's ABI. The latter is built once into .electron-native/electron-<version>/ so the
// Node copy in node_modules stays usable by the CLI and the tests.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

if (process.platform === 'darwin' && process.arch === 'x64') {
  fail('Intel Macs are not supported: onnxruntime-node 1.30 ships macOS binaries for Apple silicon (arm64) only.');
}

const electronVersion = require('electron/package.json').version;
let electronBinary;
try {
  // Downloads the binary on first use (electron 45 fetches it on first launch).
  electronBinary = require('electron');
} catch (error) {
  fail(`the Electron ${electronVersion} binary is missing and could not be downloaded (${error.message}). ` +
    'Connect to the internet once, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron. ' +
    'Without Electron, "npx intseg serve" runs the same app in a browser tab.');
}
if (!existsSync(electronBinary)) fail(`the Electron binary is not at ${electronBinary}`);

const nativeDir = join(root, '.electron-native', `electron-${electronVersion}`);
const binding = join(nativeDir, 'better_sqlite3.node');
if (!existsSync(binding)) {
  process.stderr.write(`Building better-sqlite3 for Electron ${electronVersion} (once)...\n`);
  const work = join(nativeDir, 'build-better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true, filter: (path) => !path.includes(`${join('build', 'Release')}`) });
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
  try {
    // A prebuilt binary for this Electron when one is published, else a local compile with node-gyp.
    execFileSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion], { cwd: work, env, stdio: 'inherit' });
  } catch {
    const npmCli = process.env.npm_execpath;
    const gyp = ['exec', '--yes', '--', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'];
    if (npmCli !== undefined) execFileSync(process.execPath, [npmCli, ...gyp], { cwd: work, env, stdio: 'inherit' });
    else execFileSync('npm', gyp, { cwd: work, env, stdio: 'inherit' });
  }
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
  rmSync(work, { recursive: true, force: true });
}

const child = spawn(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'dev', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal === null ? (code ?? 0) : 1));
