/** Reads the evaluation fixture PNGs (8-bit grayscale, written by OpenCV) for core tests. */
import { readFileSync } from 'node:fs';
import { decode } from 'fast-png';
import type { GrayImage } from '../../../../src/core/image';

export const PAIRS_DIR = new URL('../../../fixtures/eval/pairs/', import.meta.url);

export function readGrayPng(url: URL): GrayImage {
  const png = decode(readFileSync(url));
  if (png.channels !== 1 || png.depth !== 8) throw new Error(`${url.pathname}: expected 8-bit gray, got ${png.channels} channels, depth ${png.depth}`);
  return { width: png.width, height: png.height, data: Uint8Array.from(png.data) };
}

export function readPair(name: string): { pred: GrayImage; gt: GrayImage } {
  return { pred: readGrayPng(new URL(`pred/${name}.png`, PAIRS_DIR)), gt: readGrayPng(new URL(`gt/${name}.png`, PAIRS_DIR)) };
}
