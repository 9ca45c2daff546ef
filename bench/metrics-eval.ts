/**
 * Metrics throughput on 1024x1024 pairs: all metrics of INT.md section 7 per image (MAE, S, E, F,
 * weighted F, Dice, IoU and their curves), native protocol without and with a resize of the
 * prediction, and the paper protocol; plus the share of the expensive measures. Prints images per
 * second with the machine it ran on.
 *
 *   npx tsx bench/metrics-eval.ts [--count 12]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { GrayImage } from '../src/core/image';
import { PairEvaluator } from '../src/core/metrics/evaluate';
import { PairBuffers, preparePair } from '../src/core/metrics/prepared-pair';
import { DatasetEvaluator } from '../src/core/metrics/protocol';
import { SMeasureBuffers, sMeasure } from '../src/core/metrics/s-measure';
import { WeightedFBuffers, weightedFMeasure } from '../src/core/metrics/weighted-f-measure';
import { resizeLinearOpenCv } from '../src/core/metrics/resize-linear';
import { option, type BenchRow } from './lib/options';

const SIZE = 1024;

/** GT: a few discs; prediction: a blurred, shifted, noisy version of it (deterministic). */
function pair(index: number): { pred: GrayImage; gt: GrayImage } {
  const gt = new Uint8Array(SIZE * SIZE);
  const pred = new Uint8Array(SIZE * SIZE);
  const discs = Array.from({ length: 3 + (index % 3) }, (_, k) => ({
    x: (index * 131 + k * 257) % SIZE,
    y: (index * 71 + k * 389) % SIZE,
    r: 60 + ((index + k) * 37) % 140,
  }));
  let noise = index * 2654435761;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let best = Infinity;
      for (const d of discs) best = Math.min(best, Math.hypot(x - d.x - 6, y - d.y + 4) - d.r);
      const inside = discs.some((d) => (x - d.x) ** 2 + (y - d.y) ** 2 < d.r * d.r);
      noise = (noise * 1103515245 + 12345) >>> 0;
      gt[y * SIZE + x] = inside ? 255 : 0;
      const soft = 255 / (1 + Math.exp(best / 12));
      pred[y * SIZE + x] = Math.max(0, Math.min(255, Math.round(soft + ((noise >>> 16) % 41) - 20)));
    }
  }
  return { pred: { width: SIZE, height: SIZE, data: pred }, gt: { width: SIZE, height: SIZE, data: gt } };
}

function timeIt(label: string, count: number, body: (i: number) => void): BenchRow {
  for (let i = 0; i < 3; i++) body(i); // warm-up: let the JIT optimise first
  const start = performance.now();
  for (let i = 0; i < count; i++) body(i);
  const seconds = (performance.now() - start) / 1000;
  return { name: label, value: count / seconds, unit: 'images/s' };
}

export async function run(): Promise<BenchRow[]> {
  const count = option('count', 12);
  const pairs = Array.from({ length: Math.min(count, 6) }, (_, i) => pair(i));
  const at = (i: number): { pred: GrayImage; gt: GrayImage } => pairs[i % pairs.length]!;
  const rows: BenchRow[] = [];
  const evaluator = new PairEvaluator(1);
  rows.push(timeIt('all metrics, native, 1024x1024 (same size)', count, (i) => void evaluator.evaluate(at(i).pred, at(i).gt)));
  const small = pairs.map((p) => resizeLinearOpenCv(p.pred, 512, 512));
  const native = new DatasetEvaluator('native');
  rows.push(timeIt('all metrics, native, 512x512 prediction resized to 1024x1024', count, (i) => void native.add(small[i % small.length]!, at(i).gt)));
  const paper = new DatasetEvaluator('paper');
  rows.push(timeIt('all metrics, paper protocol (binarise, nearest 1024x1024)', count, (i) => void paper.add(at(i).pred, at(i).gt)));
  const buffers = new PairBuffers();
  const sBuffers = new SMeasureBuffers();
  const wBuffers = new WeightedFBuffers();
  rows.push(timeIt('  preparation only (normalise, histograms)', count, (i) => void preparePair(at(i).pred, at(i).gt, buffers)));
  rows.push(timeIt('  S-measure only (incl. preparation)', count, (i) => void sMeasure(preparePair(at(i).pred, at(i).gt, buffers), 0.5, sBuffers)));
  rows.push(timeIt('  weighted F only (incl. preparation, EDT, Gaussian)', count, (i) => void weightedFMeasure(preparePair(at(i).pred, at(i).gt, buffers), 1, wBuffers)));
  rows.push(timeIt('  OpenCV INTER_LINEAR 512->1024 only', count, (i) => void resizeLinearOpenCv(small[i % small.length]!, SIZE, SIZE)));
  return rows;
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, node ${process.version}`);
  for (const row of await run()) console.log(`${row.name.padEnd(64)} ${row.value.toFixed(2).padStart(9)} ${row.unit}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
