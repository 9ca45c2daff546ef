/**
 * Mask primitives on 1024x1024 masks: COCO RLE encode (to the compressed string) and decode, in MB
 * of mask (one byte per pixel) per second, for a smooth mask (few runs) and a noisy one (many runs);
 * polygons with holes (trace) and back (rasterise), per mask. Prints the machine it ran on.
 *
 *   npx tsx bench/mask-rle.ts [--count 20]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { binaryMask, type BinaryMask } from '../src/core/image';
import { maskFromPolygons, maskToPolygons } from '../src/core/mask/polygon';
import { decodeRle, encodeRle } from '../src/core/mask/rle';
import { option, type BenchRow } from './lib/options';

const SIZE = 1024;

function smoothMask(seed: number): BinaryMask {
  const mask = binaryMask(SIZE, SIZE);
  for (let k = 0; k < 6; k++) {
    const cx = (seed * 131 + k * 257) % SIZE;
    const cy = (seed * 71 + k * 389) % SIZE;
    const r = 50 + ((seed + k) * 37) % 150;
    const hole = r / 3;
    for (let y = Math.max(0, cy - r); y < Math.min(SIZE, cy + r); y++) {
      for (let x = Math.max(0, cx - r); x < Math.min(SIZE, cx + r); x++) {
        const d2 = (x - cx) ** 2 + (y - cy) ** 2;
        if (d2 < r * r && d2 > hole * hole) mask.data[y * SIZE + x] = 1;
      }
    }
  }
  return mask;
}

function noisyMask(seed: number): BinaryMask {
  const mask = binaryMask(SIZE, SIZE);
  let state = seed * 2654435761;
  for (let i = 0; i < mask.data.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    mask.data[i] = (state >>> 16) % 100 < 30 ? 1 : 0;
  }
  return mask;
}

function rate(label: string, count: number, bytesPer: number, body: (i: number) => void): BenchRow {
  for (let i = 0; i < 3; i++) body(i); // warm-up: let the JIT optimise first
  const start = performance.now();
  for (let i = 0; i < count; i++) body(i);
  const seconds = (performance.now() - start) / 1000;
  return bytesPer > 0
    ? { name: label, value: (count * bytesPer) / 2 ** 20 / seconds, unit: 'MB/s' }
    : { name: label, value: (seconds * 1000) / count, unit: 'ms/mask' };
}

export async function run(): Promise<BenchRow[]> {
  const count = option('count', 20);
  const rows: BenchRow[] = [];
  for (const [kind, make] of [
    ['smooth', smoothMask],
    ['noisy 30%', noisyMask],
  ] as const) {
    const masks = Array.from({ length: 4 }, (_, i) => make(i + 1));
    const encoded = masks.map(encodeRle);
    const runs = encoded[0]!.counts.length;
    rows.push(rate(`RLE encode 1024x1024 ${kind} (${runs} chars)`, count, SIZE * SIZE, (i) => void encodeRle(masks[i % 4]!)));
    rows.push(rate(`RLE decode 1024x1024 ${kind}`, count, SIZE * SIZE, (i) => void decodeRle(encoded[i % 4]!)));
    const polyCount = kind === 'smooth' ? count : Math.max(2, Math.floor(count / 10));
    rows.push(rate(`polygons with holes, trace 1024x1024 ${kind}`, polyCount, 0, (i) => void maskToPolygons(masks[i % 4]!)));
    const polygons = masks.map(maskToPolygons);
    rows.push(rate(`polygons with holes, rasterise 1024x1024 ${kind}`, polyCount, 0, (i) => void maskFromPolygons(polygons[i % 4]!, SIZE, SIZE)));
  }
  return rows;
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, node ${process.version}`);
  for (const row of await run()) console.log(`${row.name.padEnd(58)} ${row.value.toFixed(2).padStart(9)} ${row.unit}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
