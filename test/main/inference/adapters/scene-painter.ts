/**
 * Paints small synthetic scenes from the world's name specs for adapter tests: a textured background
 * prototype with elliptic blobs of other prototypes. Textures are blocky value noise (cell-constant
 * luminance factors), deterministic for a seed.
 */
import { nameSpec } from '../../../../src/core/synthetic/world';
import type { BinaryMask, RgbImage } from '../../../../src/core/image';

export interface Blob {
  readonly name: string;
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
}

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function cellNoise(width: number, height: number, cell: number, random: () => number): Float32Array {
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const values = Float32Array.from({ length: cols * rows }, () => random() * 2 - 1);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = values[Math.floor(y / cell) * cols + Math.floor(x / cell)] ?? 0;
  return out;
}

export function insideBlob(blob: Blob, x: number, y: number): boolean {
  return ((x + 0.5 - blob.cx) / blob.rx) ** 2 + ((y + 0.5 - blob.cy) / blob.ry) ** 2 <= 1;
}

export function paintScene(width: number, height: number, background: string, blobs: readonly Blob[], seed = 1): RgbImage {
  const random = prng(seed);
  const data = new Uint8Array(width * height * 3);
  const layers = [background, ...blobs.map((b) => b.name)].map((name) => {
    const spec = nameSpec(name);
    if (spec === undefined) throw new Error(`unknown world name ${name}`);
    return { spec, noise: cellNoise(width, height, spec.render.cell, random) };
  });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let layer = 0;
      blobs.forEach((blob, k) => {
        if (insideBlob(blob, x, y)) layer = k + 1;
      });
      const { spec, noise } = layers[layer] ?? layers[0]!;
      const factor = 1 + spec.render.amplitude * (noise[y * width + x] ?? 0);
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round((spec.rgb[c] ?? 0) * factor)));
    }
  }
  return { width, height, data };
}

export function blobMask(width: number, height: number, blob: Blob): BinaryMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = insideBlob(blob, x, y) ? 1 : 0;
  return { width, height, data };
}
