/**
 * PNG encoding and decoding for exports and imports, with fast-png (pure JS, exact): sharp cannot
 * write an indexed PNG with a given palette (its palette output quantises with libimagequant and
 * chooses its own palette and order), and 16-bit and 0/1-valued PNGs are simpler to get bit exact
 * this way.
 */
import { decode, encode } from 'fast-png';
import type { BinaryMask } from '../../../core/image';
import type { Rgb } from './model';

export function encodeGray8(width: number, height: number, data: Uint8Array): Uint8Array {
  return encode({ width, height, data, depth: 8, channels: 1 });
}

export function encodeGray16(width: number, height: number, data: Uint16Array): Uint8Array {
  return encode({ width, height, data, depth: 16, channels: 1 });
}

export function encodeIndexed(width: number, height: number, indices: Uint8Array, palette: readonly Rgb[]): Uint8Array {
  return encode({ width, height, data: indices, depth: 8, channels: 1, palette: palette.map((c) => [c[0], c[1], c[2]]) });
}

/** A mask as a 0/255 8-bit PNG. */
export function encodeMask255(mask: BinaryMask): Uint8Array {
  const data = new Uint8Array(mask.data.length);
  for (let i = 0; i < data.length; i++) data[i] = mask.data[i] !== 0 ? 255 : 0;
  return encodeGray8(mask.width, mask.height, data);
}

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /**
   * One value per pixel in the file's own scale (`depth` bits): gray level, palette index, or for
   * colour images max(R, G, B). Alpha is ignored.
   */
  readonly values: Uint16Array;
  readonly depth: number;
  /** True when values are palette indices. */
  readonly indexed: boolean;
}

/** Throws with the decoder's message on a corrupt file. */
export function decodePngValues(bytes: Uint8Array): DecodedPng {
  const png = decode(bytes);
  const { width, height, channels, depth } = png;
  const n = width * height;
  const values = new Uint16Array(n);
  const data = png.data;
  if (depth < 8) {
    // Sub-byte gray or palette images stay packed, rows padded to whole bytes.
    const rowBytes = Math.ceil((width * depth) / 8);
    const maskBits = (1 << depth) - 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = x * depth;
        const byte = data[y * rowBytes + (bit >> 3)]!;
        values[y * width + x] = (byte >> (8 - depth - (bit & 7))) & maskBits;
      }
    }
  } else if (channels <= 2) {
    for (let i = 0; i < n; i++) values[i] = data[i * channels]!;
  } else {
    for (let i = 0; i < n; i++) {
      const j = i * channels;
      values[i] = Math.max(data[j]!, data[j + 1]!, data[j + 2]!);
    }
  }
  return { width, height, values, depth, indexed: png.palette !== undefined };
}
