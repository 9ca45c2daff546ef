/**
 * The desktop window: sandboxed renderer, context isolation, no Node integration, a strict CSP,
 * no new windows, no navigation away from the app, no permissions, no webviews.
 */
import { BrowserWindow, session, shell, type WebFrameMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from './ipc/security';
import { ASSET_SCHEME } from './ipc/electron-ipc';

export interface MainWindowOptions {
  /** Folder of the built bundles: out/ with main/, preload/, renderer/. */
  readonly outDir: string;
  /** electron-vite dev server URL, when running `npm start`. */
  readonly devServerUrl: string | undefined;
}

export function rendererEntryUrl(options: MainWindowOptions): string {
  return options.devServerUrl ?? pathToFileURL(join(options.outDir, 'renderer', 'index.html')).href;
}

/** True for frames that show the app's own renderer, used to check IPC senders. */
export function isAppFrame(frame: WebFrameMain, options: MainWindowOptions): boolean {
  const entry = new URL(rendererEntryUrl(options));
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (frame.parent !== null) return false;
  if (entry.protocol === 'file:') return url.protocol === 'file:' && url.pathname === entry.pathname;
  return url.origin === entry.origin;
}

export function hardenSession(options: MainWindowOptions): void {
  const dev = options.devServerUrl !== undefined;
  const csp = contentSecurityPolicy({
    connectSources: dev ? [new URL(options.devServerUrl ?? '').origin, 'ws:'] : [],
    imageSources: [`${ASSET_SCHEME}:`],
  });
  // The dev server's React refresh preamble is an inline module script; production never needs one.
  const policy = dev ? csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : csp;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#15181d',
    title: 'IntSeg Studio',
    webPreferences: {
      preload: join(options.outDir, 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  const entry = rendererEntryUrl(options);
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== entry) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  if (options.devServerUrl !== undefined) void window.loadURL(options.devServerUrl);
  else void window.loadFile(join(options.outDir, 'renderer', 'index.html'));
  return window;
}
