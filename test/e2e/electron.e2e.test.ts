// The desktop shell in a real Electron window, where the binary exists. This machine class cannot
// download Electron, so the test skips itself loudly instead of failing; everything behind the shell
// is covered by the serve-mode tests.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { _electron as electron, type ElectronApplication } from 'playwright-core';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

function electronBinary(): { path: string } | { missing: string } {
  const packageDir = join(repositoryRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron binary was never downloaded (node_modules/electron/path.txt is absent)' };
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  if (!existsSync(binary)) return { missing: `the Electron binary is not at ${binary}` };
  const version = (require('electron/package.json') as { version: string }).version;
  if (!existsSync(join(repositoryRoot, '.electron-native', `electron-${version}`, 'better_sqlite3.node'))) {
    return { missing: 'better-sqlite3 is not built for Electron yet: run "npm start" once' };
  }
  return { path: binary };
}

const binary = electronBinary();
if ('missing' in binary) {
  console.warn(`\n*** SKIPPING the Electron window test: ${binary.missing}. The app is tested through "intseg serve" instead. ***\n`);
}

describe.skipIf('missing' in binary)('the Electron window', () => {
  let app: ElectronApplication | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'intseg-electron-'));

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens a sandboxed, isolated window with a CSP and the api bridge only', async () => {
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [join(repositoryRoot, 'out', 'main', 'index.js')],
      env: { ...process.env, INTSEG_DATA: dataDir },
    });
    const page = await app.firstWindow();
    await page.getByTestId('connection-indicator').waitFor();
    const globals = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: 'ipcRenderer' in window,
      api: Object.keys((window as unknown as { api: object }).api).sort(),
    }));
    // No Node in the page and only the bridge's four members: sandbox, context isolation, no node integration.
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: false, api: ['assetUrl', 'invoke', 'on', 'transport'] });
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    expect(opened).toBe(true);
  });
});
