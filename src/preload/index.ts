/**
 * The sandboxed preload: builds `window.api` (the ApiBridge of src/shared/ipc/bridge.ts) from the
 * contract's channel lists and nothing else. Only the app's channel prefix is used; a channel that is
 * not in the contract is refused here before it reaches main (main checks again).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_PREFIX, isAssetKind, isEventChannel, isRequestChannel, type AssetKind, type EventChannel } from '../shared/ipc/channels';

const EVENT_MESSAGE = `${CHANNEL_PREFIX}event`;

const api = {
  transport: 'electron' as const,
  invoke(channel: unknown, input: unknown): Promise<unknown> {
    if (!isRequestChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `unknown request channel ${String(channel)}` } });
    }
    return ipcRenderer.invoke(`${CHANNEL_PREFIX}${channel}`, input);
  },
  on(channel: EventChannel, listener: (payload: unknown) => void): () => void {
    if (!isEventChannel(channel)) throw new Error(`unknown event channel ${String(channel)}`);
    const forward = (_event: IpcRendererEvent, message: { channel: string; payload: unknown }): void => {
      if (message.channel === channel) listener(message.payload);
    };
    ipcRenderer.on(EVENT_MESSAGE, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_MESSAGE, forward);
    };
  },
  assetUrl(kind: AssetKind, id: number): string {
    if (!isAssetKind(kind) || !Number.isSafeInteger(id)) throw new Error(`invalid asset ${String(kind)}/${String(id)}`);
    return `intseg-asset://${kind}/${id}`;
  },
};

contextBridge.exposeInMainWorld('api', api);
