import type { OpenedImage } from './decode';
import { ImageDecodeError } from './decode';

export const THUMBNAIL_LONG_SIDE = 256;

/**
 * A WebP thumbnail of the oriented image, at most `longSide` pixels on its long side (never enlarged).
 * It decodes the whole file, so a file whose header is fine but whose data is corrupt fails here.
 */
export async function makeThumbnail(image: OpenedImage, longSide = THUMBNAIL_LONG_SIDE): Promise<Uint8Array> {
  try {
    const data = await image
      .pipeline()
      .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .webp({ quality: 70, effort: 2 })
      .toBuffer();
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImageDecodeError(image.path, `corrupt ${image.format.toUpperCase()} file: ${message}`);
  }
}
