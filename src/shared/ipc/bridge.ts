/**
 * The shape of `window.api`, identical in the Electron preload and the web bridge of `intseg serve`,
 * so the renderer cannot tell which transport it runs on. Only renderer/src/api/client.ts uses it.
 * Values are untyped at this boundary on purpose: the client re-attaches the contract's types and
 * main validates every payload.
 */
import type { Result } from '../result';
import type { AssetKind, EventChannel, RequestChannel } from './channels';

export interface ApiBridge {
  readonly transport: 'electron' | 'web';
  invoke(channel: RequestChannel, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to an event channel; returns the unsubscribe function. */
  on(channel: EventChannel, listener: (payload: unknown) => void): () => void;
  /** URL the renderer can put in an <img> for an image or thumbnail by id. */
  assetUrl(kind: AssetKind, id: number): string;
}
