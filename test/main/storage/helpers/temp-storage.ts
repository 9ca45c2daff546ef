import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type Storage } from '../../../../src/main/storage/storage';
import type { Clock } from '../../../../src/main/storage/repositories/common';

/** A clock that ticks one second per call from a fixed start, so ordering by time is deterministic. */
export function tickingClock(start = Date.UTC(2025, 0, 1)): Clock {
  let now = start;
  return () => {
    const text = new Date(now).toISOString();
    now += 1000;
    return text;
  };
}

export interface TempStorage {
  readonly dir: string;
  readonly file: string;
  readonly storage: Storage;
  cleanup(): void;
}

export function tempDir(prefix = 'intseg-storage-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function openTempStorage(): TempStorage {
  const dir = tempDir();
  const file = join(dir, 'intseg.db');
  const storage = openStorage(file, { clock: tickingClock() });
  return {
    dir,
    file,
    storage,
    cleanup: () => {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A 64-hex-digit stand-in for a sha256. */
export function fakeHash(n: number): string {
  return n.toString(16).padStart(64, '0');
}

export function addTestImage(storage: Storage, projectId: number, n: number) {
  return storage.images.add(
    {
      projectId,
      path: `/data/images/img-${n}.png`,
      fileName: `img-${n}.png`,
      format: 'png',
      contentHash: fakeHash(n),
      width: 4,
      height: 3,
      byteSize: 100 + n,
      mtimeMs: 1_700_000_000_000,
      thumbnail: new Uint8Array([1, 2, 3]),
    },
    'user:test',
  );
}

/** A tiny mask record input (the RLE text is opaque to storage). */
export function testMask(label = 'object') {
  return { label, rle: { size: [3, 4] as const, counts: '04' }, area: 4, bbox: [0, 0, 2, 2] as const };
}
