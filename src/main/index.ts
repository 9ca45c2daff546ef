/**
 * Electron main: the thin desktop shell over the shared composition root. It opens the same data
 * folder as the CLI, registers the IPC transport and the asset protocol, and shows one hardened window.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAppContext, type AppContext } from './app/context';
import { resolveDataDir } from './app/data-dir';
import { registerAssetScheme, registerElectronIpc } from './ipc/electron-ipc';
import { createMainWindow, hardenSession, isAppFrame, type MainWindowOptions } from './window';
import { electronWorkerLauncher } from './inference/electron-launcher';

const windowOptions: MainWindowOptions = {
  outDir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
};

app.enableSandbox();
const dataDir = resolveDataDir();
app.setPath('userData', dataDir);
registerAssetScheme();

if (!app.requestSingleInstanceLock()) {
  // A second window on the same database would race its jobs; focus the first instead.
  app.quit();
}

/** better-sqlite3 built for Electron's ABI by scripts/start-electron.mjs, if present; a packaged app rebuilds in place. */
function electronSqliteBinding(): { sqliteNativeBinding?: string } {
  const candidate = join(windowOptions.outDir, '..', '.electron-native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(candidate) ? { sqliteNativeBinding: candidate } : {};
}

let context: AppContext | null = null;
let disposeIpc: (() => void) | null = null;

async function start(): Promise<void> {
  hardenSession(windowOptions);
  context = await openAppContext({
    dataDir,
    transport: 'electron',
    role: 'the IntSeg Studio desktop app',
    inferenceLauncher: electronWorkerLauncher(join(windowOptions.outDir, 'main', 'inference-worker.js')),
    ...electronSqliteBinding(),
    resumeInterruptedJobs: true,
    host: {
      pickPaths: async (kind) => {
        const focused = BrowserWindow.getFocusedWindow();
        const properties: ('openDirectory' | 'openFile' | 'multiSelections')[] = kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'];
        const options = {
          title: kind === 'folder' ? 'Add image folders' : 'Add images',
          properties,
          filters: kind === 'files' ? [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'tif', 'tiff', 'webp', 'bmp'] }] : [],
        };
        const result = focused === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(focused, options);
        return result.canceled ? [] : result.filePaths;
      },
    },
  });
  disposeIpc = registerElectronIpc({
    router: context.router,
    events: context.events,
    assets: context.assets,
    actor: context.actor,
    isTrustedFrame: (frame) => isAppFrame(frame, windowOptions),
  });
  createMainWindow(windowOptions);
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window !== undefined) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && context !== null) createMainWindow(windowOptions);
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || context === null) return;
  // Let running jobs stop at their next item and close the database cleanly, then quit for real.
  event.preventDefault();
  quitting = true;
  disposeIpc?.();
  void context.close().finally(() => app.quit());
});

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    dialog.showErrorBox('IntSeg Studio cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
