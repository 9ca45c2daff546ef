import type { RequestChannel } from '../../../shared/ipc/channels';
import type { Storage } from '../../storage/storage';
import type { JobQueue } from '../../jobs/queue';
import type { AppServices } from '../../app/context';
import type { Handler, Transport } from '../router';

/** What only some hosts can do: the desktop window shows native dialogs, a browser tab cannot. */
export interface HostCapabilities {
  readonly pickPaths?: (kind: 'folder' | 'files') => Promise<string[]>;
}

export interface HandlerDeps {
  readonly storage: Storage;
  readonly services: AppServices;
  readonly jobs: JobQueue;
  readonly dataDir: string;
  readonly transport: Transport;
  readonly host: HostCapabilities;
}

/** The handlers of one contract section. */
export type HandlersFor<K extends RequestChannel> = { readonly [C in K]: Handler<C> };
