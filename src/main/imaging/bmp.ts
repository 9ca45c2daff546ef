/**
 * BMP decoder for the uncompressed variants, because sharp (libvips) reads no BMP at all.
 *
 * Why hand-written: the npm BMP decoders checked (bmp-ts 1.0.9, bmpimagejs 1.0.4, decode-bmp 0.2.1,
 * fast-bmp 4.0.1) each mis-decode some common variant silently (odd-width 4-bit, RLE, 8-bit palettes,
 * 16-bit or top-down files), which is worse than a clear error for a labelling tool.
 *
 * Supported: BITMAPCOREHEADER (12) and BITMAPINFOHEADER and its successors (40, 52, 56, 64, 108, 124);
 * 1, 4 and 8 bits with a palette; 16 bits (5-5-5 by default); 24 bits; 32 bits (BGRx); BI_BITFIELDS and
 * BI_ALPHABITFIELDS masks for 16 and 32 bits; bottom-up and top-down rows.
 * Refused with a clear error: RLE4, RLE8, embedded JPEG or PNG, other bit depths, truncated pixel data.
 * Alpha is dropped: the app works on RGB (as readRgb does for every format).
 */

export interface DecodedBmp {
  readonly width: number;
  readonly height: number;
  /** RGB interleaved, rows top to bottom: data.length === width * height * 3. */
  readonly data: Uint8Array;
}

export class BmpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BmpDecodeError';
  }
}

/** Same default as sharp's limitInputPixels, so a BMP cannot ask for more memory than any other format. */
export const MAX_BMP_PIXELS = 0x3fff * 0x3fff;

const COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  0: 'none',
  1: 'RLE8',
  2: 'RLE4',
  3: 'BITFIELDS',
  4: 'JPEG',
  5: 'PNG',
  6: 'ALPHABITFIELDS',
  11: 'CMYK',
  12: 'CMYK-RLE8',
  13: 'CMYK-RLE4',
};

interface Header {
  readonly width: number;
  readonly height: number;
  readonly topDown: boolean;
  readonly bitsPerPixel: number;
  readonly compression: number;
  readonly pixelOffset: number;
  readonly paletteOffset: number;
  readonly paletteEntrySize: 3 | 4;
  readonly paletteSize: number;
  /** Red, green, blue masks (bit fields); only for 16 and 32 bits. */
  readonly masks: readonly [number, number, number];
}

export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

export function decodeBmp(bytes: Uint8Array): DecodedBmp {
  const header = readHeader(bytes);
  const { width, height, bitsPerPixel } = header;
  const stride = Math.floor((bitsPerPixel * width + 31) / 32) * 4;
  const needed = header.pixelOffset + stride * (height - 1) + Math.ceil((bitsPerPixel * width) / 8);
  if (needed > bytes.length) {
    throw new BmpDecodeError(`BMP is truncated: ${width}x${height} at ${bitsPerPixel} bits needs ${needed} bytes, the file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint8Array(width * height * 3);
  const palette = bitsPerPixel <= 8 ? readPalette(bytes, header) : null;
  const fields = bitsPerPixel === 16 || bitsPerPixel === 32 ? header.masks.map(maskField) : null;

  for (let row = 0; row < height; row += 1) {
    const source = header.pixelOffset + (header.topDown ? row : height - 1 - row) * stride;
    let target = row * width * 3;
    if (palette !== null) {
      const perByte = 8 / bitsPerPixel;
      const valueMask = (1 << bitsPerPixel) - 1;
      for (let x = 0; x < width; x += 1) {
        const byte = bytes[source + Math.floor(x / perByte)];
        const index = (byte >> (8 - bitsPerPixel * ((x % perByte) + 1))) & valueMask;
        if (index * 3 >= palette.length) {
          throw new BmpDecodeError(`BMP pixel (${x}, ${row}) uses palette index ${index}, but the palette has ${palette.length / 3} colours`);
        }
        out[target] = palette[index * 3];
        out[target + 1] = palette[index * 3 + 1];
        out[target + 2] = palette[index * 3 + 2];
        target += 3;
      }
    } else if (bitsPerPixel === 24 || (bitsPerPixel === 32 && header.compression === 0)) {
      const step = bitsPerPixel / 8;
      for (let x = 0, at = source; x < width; x += 1, at += step) {
        out[target] = bytes[at + 2];
        out[target + 1] = bytes[at + 1];
        out[target + 2] = bytes[at];
        target += 3;
      }
    } else if (fields !== null) {
      const [red, green, blue] = fields;
      for (let x = 0; x < width; x += 1) {
        const value = bitsPerPixel === 16 ? view.getUint16(source + x * 2, true) : view.getUint32(source + x * 4, true);
        out[target] = extract(value, red);
        out[target + 1] = extract(value, green);
        out[target + 2] = extract(value, blue);
        target += 3;
      }
    }
  }
  return { width, height, data: out };
}

function readHeader(bytes: Uint8Array): Header {
  if (bytes.length === 0) throw new BmpDecodeError('file is empty');
  if (!isBmp(bytes)) throw new BmpDecodeError('not a BMP file (it does not start with "BM")');
  if (bytes.length < 26) throw new BmpDecodeError(`BMP is truncated: the headers need at least 26 bytes, the file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pixelOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (headerSize !== 12 && headerSize < 40) throw new BmpDecodeError(`unknown BMP header size ${headerSize} (expected 12, or 40 and more)`);
  if (14 + headerSize > bytes.length) throw new BmpDecodeError(`BMP is truncated: its header says ${headerSize} bytes, the file has ${bytes.length - 14} after the file header`);

  let width: number;
  let rawHeight: number;
  let planes: number;
  let bitsPerPixel: number;
  let compression = 0;
  let colorsUsed = 0;
  if (headerSize === 12) {
    width = view.getUint16(18, true);
    rawHeight = view.getInt16(20, true);
    planes = view.getUint16(22, true);
    bitsPerPixel = view.getUint16(24, true);
  } else {
    width = view.getInt32(18, true);
    rawHeight = view.getInt32(22, true);
    planes = view.getUint16(26, true);
    bitsPerPixel = view.getUint16(28, true);
    compression = view.getUint32(30, true);
    colorsUsed = view.getUint32(46, true);
  }
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0) throw new BmpDecodeError(`BMP size must be positive, found ${width}x${rawHeight}`);
  if (width * height > MAX_BMP_PIXELS) throw new BmpDecodeError(`BMP is ${width}x${height} pixels, more than the limit of ${MAX_BMP_PIXELS}`);
  if (planes !== 1) throw new BmpDecodeError(`BMP must have 1 colour plane, found ${planes}`);
  if (compression !== 0 && compression !== 3 && compression !== 6) {
    const name = COMPRESSION_NAMES[compression] ?? `code ${compression}`;
    throw new BmpDecodeError(`BMP compression ${name} is not supported (only uncompressed and bit-field BMPs are); convert the file to PNG`);
  }
  if (![1, 4, 8, 16, 24, 32].includes(bitsPerPixel)) {
    throw new BmpDecodeError(`BMP with ${bitsPerPixel} bits per pixel is not supported (expected 1, 4, 8, 16, 24 or 32)`);
  }
  if (compression !== 0 && bitsPerPixel !== 16 && bitsPerPixel !== 32) {
    throw new BmpDecodeError(`BMP bit fields need 16 or 32 bits per pixel, found ${bitsPerPixel}`);
  }
  if (rawHeight < 0 && headerSize === 12) throw new BmpDecodeError('BMP core header with a negative height is invalid');

  // Bit-field masks live inside the header from version 2 (52 bytes) on, and right after a 40-byte header otherwise.
  let masks: [number, number, number] = bitsPerPixel === 16 ? [0x7c00, 0x03e0, 0x001f] : [0x00ff0000, 0x0000ff00, 0x000000ff];
  let afterMasks = 14 + headerSize;
  if (compression === 3 || compression === 6) {
    if (14 + 40 + 12 > bytes.length) throw new BmpDecodeError('BMP is truncated inside its bit-field masks');
    masks = [view.getUint32(54, true), view.getUint32(58, true), view.getUint32(62, true)];
    if (headerSize === 40) afterMasks += compression === 6 ? 16 : 12;
  }
  const paletteEntrySize = headerSize === 12 ? 3 : 4;
  const paletteSize = bitsPerPixel <= 8 ? (colorsUsed === 0 || colorsUsed > 1 << bitsPerPixel ? 1 << bitsPerPixel : colorsUsed) : 0;
  if (pixelOffset < afterMasks || pixelOffset >= bytes.length) {
    throw new BmpDecodeError(`BMP pixel data offset ${pixelOffset} is outside the file (headers end at ${afterMasks}, file has ${bytes.length} bytes)`);
  }
  return { width, height, topDown: rawHeight < 0, bitsPerPixel, compression, pixelOffset, paletteOffset: afterMasks, paletteEntrySize, paletteSize, masks };
}

/** Palette as RGB triplets; a palette cut short by the pixel data keeps only the entries that fit. */
function readPalette(bytes: Uint8Array, header: Header): Uint8Array {
  const available = Math.floor((header.pixelOffset - header.paletteOffset) / header.paletteEntrySize);
  const count = Math.min(header.paletteSize, Math.max(0, available));
  if (count === 0) throw new BmpDecodeError(`BMP with ${header.bitsPerPixel} bits per pixel has no palette`);
  const palette = new Uint8Array(count * 3);
  for (let i = 0; i < count; i += 1) {
    const at = header.paletteOffset + i * header.paletteEntrySize;
    palette[i * 3] = bytes[at + 2];
    palette[i * 3 + 1] = bytes[at + 1];
    palette[i * 3 + 2] = bytes[at];
  }
  return palette;
}

interface MaskField {
  readonly mask: number;
  readonly shift: number;
  readonly max: number;
}

function maskField(mask: number): MaskField {
  if (mask === 0) return { mask: 0, shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift += 1;
  const max = mask >>> shift;
  if ((max & (max + 1)) !== 0) throw new BmpDecodeError(`BMP bit-field mask 0x${mask.toString(16)} is not one contiguous run of bits`);
  return { mask, shift, max };
}

/** A field of `bits` bits scaled to 0..255 with rounding (31 -> 255, 15 -> 123 for 5 bits). */
function extract(value: number, field: MaskField): number {
  if (field.max === 0) return 0;
  const raw = (value & field.mask) >>> field.shift;
  return field.max === 255 ? raw : Math.round((raw * 255) / field.max);
}
