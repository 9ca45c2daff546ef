/**
 * Binary assets the renderer loads by id. Resolution goes through the database only: a request names
 * an image id, never a path, so nothing outside the project's images can be reached.
 */
import type { AssetKind } from '../../shared/ipc/channels';

export interface Asset {
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** Returns null when the id is unknown; throws AppError for a file that is gone or unreadable. */
export type AssetResolver = (kind: AssetKind, id: number) => Promise<Asset | null>;
