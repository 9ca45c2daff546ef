/**
 * Image bytes for the renderer, by image id only. Formats the browser decodes (PNG, JPEG, WebP, BMP)
 * are served as stored, and browsers apply EXIF orientation themselves, which matches the oriented
 * width and height the project stores; TIFF is converted to PNG (oriented) because browsers cannot show it.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { AssetResolver } from '../ipc/assets';
import type { Storage } from '../storage/storage';
import { AppError } from '../../shared/result';

const CONTENT_TYPES = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', bmp: 'image/bmp', tiff: 'image/png' } as const;

export function createAssetResolver(storage: Storage): AssetResolver {
  return async (kind, id) => {
    if (kind === 'iteration') {
      const png = storage.traces.softMaskPng(id);
      return png === null ? null : { contentType: 'image/png', body: png };
    }
    const image = storage.images.get(id);
    if (image === null) return null;
    if (kind === 'thumb') {
      const thumbnail = storage.images.thumbnail(id);
      return thumbnail === null ? null : { contentType: 'image/webp', body: thumbnail };
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(image.path);
    } catch (error) {
      throw new AppError('not_found', `image ${id} cannot be read at ${image.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (image.format === 'tiff') {
      const png = await sharp(bytes, { failOn: 'error' }).rotate().png({ compressionLevel: 3 }).toBuffer();
      return { contentType: CONTENT_TYPES.tiff, body: png };
    }
    return { contentType: CONTENT_TYPES[image.format], body: bytes };
  };
}
