/**
 * Electron transport: one ipcMain handler per contract channel (prefixed), the sender checked
 * against the app's own renderer, events forwarded to every window, and the asset protocol that
 * serves images by id.
 */
import { ipcMain, protocol, webContents, type WebFrameMain } from 'electron';
import { CHANNEL_PREFIX, REQUEST_CHANNELS, isAssetKind } from '../../shared/ipc/channels';
import { err } from '../../shared/result';
import type { Router } from './router';
import type { EventBus } from './events';
import type { AssetResolver } from './assets';

export const ASSET_SCHEME = 'intseg-asset';

/** Must run before app is ready. */
export function registerAssetScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export interface ElectronIpcOptions {
  readonly router: Router;
  readonly events: EventBus;
  readonly assets: AssetResolver;
  readonly actor: string;
  /** True when the frame is the app's own renderer (its file:// index or the dev server). */
  readonly isTrustedFrame: (frame: WebFrameMain) => boolean;
}

export function registerElectronIpc(options: ElectronIpcOptions): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(`${CHANNEL_PREFIX}${channel}`, async (event, input: unknown) => {
      const frame = event.senderFrame;
      if (frame === null || !options.isTrustedFrame(frame)) {
        return err('forbidden', `IPC from an untrusted frame (${frame?.url ?? 'unknown'}) refused`);
      }
      return options.router.call(channel, input, { transport: 'electron', actor: options.actor });
    });
  }

  const unsubscribe = options.events.subscribe((channel, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed()) contents.send(`${CHANNEL_PREFIX}event`, { channel, payload });
    }
  });

  protocol.handle(ASSET_SCHEME, async (request) => {
    const url = new URL(request.url);
    const kind = url.hostname;
    const id = Number(url.pathname.replace(/^\//, ''));
    if (!isAssetKind(kind) || !Number.isSafeInteger(id) || id <= 0) return new Response('not found', { status: 404 });
    try {
      const asset = await options.assets(kind, id);
      if (asset === null) return new Response(`no ${kind} with id ${id}`, { status: 404 });
      return new Response(Buffer.from(asset.body), { headers: { 'Content-Type': asset.contentType } });
    } catch (error) {
      return new Response((error as Error).message, { status: 410 });
    }
  });

  return () => {
    unsubscribe();
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(`${CHANNEL_PREFIX}${channel}`);
    protocol.unhandle(ASSET_SCHEME);
  };
}
