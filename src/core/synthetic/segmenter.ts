/**
 * Segmenter stand-in (world.ts, "Segmenter"): a "SAM" that grows a region from its prompts.
 * fg / bg colour-texture models from the prompts, a per-pixel probability from the distances to
 * them, three multimask outputs ranked by a stability score.
 */
import { softMask, type Box, type PointPrompt, type RgbImage } from '../image';
import type { SegmentPrompt, Segmenter, SegmentResult } from '../ports';
import { analyse, boxAverage, FEATURE_CHANNELS, type PixelAnalysis } from './features';
import { SEG_CENTRE_FRACTION, SEG_GROW_STEPS, SEG_ROBUST_SCALE, SEG_ROBUST_STEPS, SEG_SMOOTH_RADIUS, SEG_RING_FRACTION, SEG_SEPARATION_FLOOR, SEG_SHARPNESS, SEG_STABILITY_OFFSET } from './world';

type Model = Float64Array;

export class SyntheticSegmenter implements Segmenter {
  readonly id = 'synthetic-sam@world-1';

  async segment(image: RgbImage, prompt: SegmentPrompt): Promise<readonly SegmentResult[]> {
    const { width, height } = image;
    const n = width * height;
    const analysis = analyse(image);
    const box = prompt.box;
    const positives = prompt.points.filter((p) => p.label === 1);
    const negatives = prompt.points.filter((p) => p.label === 0);
    const centre = box === null ? null : centreBox(box);
    const fg = positives.length > 0 ? pointModel(analysis, positives) : centre !== null ? rectModel(analysis, [centre], null) : null;
    if (fg === null) return [{ mask: softMask(width, height), predictedIoU: 0 }];
    const bgParts: Model[] = [];
    if (negatives.length > 0) bgParts.push(pointModel(analysis, negatives));
    if (box !== null) {
      const ring = ringRects(box, width, height);
      if (ring.length > 0) bgParts.push(rectModel(analysis, ring, box));
    }
    const bg = bgParts.length > 0 ? averageModels(bgParts) : rectModel(analysis, [{ x1: 0, y1: 0, x2: width, y2: height }], null);

    const separation = squaredDistance(fg, bg) + SEG_SEPARATION_FLOOR;
    const p = new Float32Array(n);
    const { voidness } = analysis;
    const phi = smoothedPhi(analysis);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (box !== null && (x < box.x1 || x >= box.x2 || y < box.y1 || y >= box.y2)) continue;
        const i = y * width + x;
        let dFg = 0;
        let dBg = 0;
        for (let c = 0; c < FEATURE_CHANNELS; c++) {
          const v = phi[c * n + i];
          dFg += (v - fg[c]) ** 2;
          dBg += (v - bg[c]) ** 2;
        }
        p[i] = (1 - voidness[i]) / (1 + Math.exp((-SEG_SHARPNESS * (dBg - dFg)) / separation));
      }
    }

    const seeds = positives.length > 0 ? positives.map((q) => pixelIndex(q, width, height)) : centre === null ? [] : rectPixels(centre, width);
    const grown = grow(p, seeds, width, height);
    const smooth = boxAverage(p, width, height, 2);
    if (box !== null) {
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (x < box.x1 || x >= box.x2 || y < box.y1 || y >= box.y2) smooth[y * width + x] = 0;
    }
    const outputs = [grown, p, smooth].map((data) => ({ mask: softMask(width, height, data), predictedIoU: stability(data) }));
    return outputs.sort((a, b) => b.predictedIoU - a.predictedIoU);
  }
}

const smoothCache = new WeakMap<PixelAnalysis, Float32Array>();

/** phi averaged over SEG_SMOOTH_RADIUS windows (AvgPool, count_include_pad = 0), per channel. */
function smoothedPhi(analysis: PixelAnalysis): Float32Array {
  let out = smoothCache.get(analysis);
  if (out === undefined) {
    const n = analysis.width * analysis.height;
    out = new Float32Array(FEATURE_CHANNELS * n);
    for (let c = 0; c < FEATURE_CHANNELS; c++) {
      out.set(boxAverage(analysis.phi.subarray(c * n, (c + 1) * n), analysis.width, analysis.height, SEG_SMOOTH_RADIUS), c * n);
    }
    smoothCache.set(analysis, out);
  }
  return out;
}

/** The central SEG_CENTRE_FRACTION of a box (at least one pixel). */
export function centreBox(box: Box): Box {
  const cx = (box.x1 + box.x2) / 2;
  const cy = (box.y1 + box.y2) / 2;
  const hw = Math.max(0.5, ((box.x2 - box.x1) * SEG_CENTRE_FRACTION) / 2);
  const hh = Math.max(0.5, ((box.y2 - box.y1) * SEG_CENTRE_FRACTION) / 2);
  return { x1: Math.floor(cx - hw), y1: Math.floor(cy - hh), x2: Math.max(Math.floor(cx - hw) + 1, Math.ceil(cx + hw)), y2: Math.max(Math.floor(cy - hh) + 1, Math.ceil(cy + hh)) };
}

/** The ring outside a box, SEG_RING_FRACTION of its size wide (at least 2 px), clipped: as up to 4 rectangles. */
function ringRects(box: Box, width: number, height: number): Box[] {
  const mx = Math.max(2, Math.round((box.x2 - box.x1) * SEG_RING_FRACTION));
  const my = Math.max(2, Math.round((box.y2 - box.y1) * SEG_RING_FRACTION));
  const outer = { x1: Math.max(0, box.x1 - mx), y1: Math.max(0, box.y1 - my), x2: Math.min(width, box.x2 + mx), y2: Math.min(height, box.y2 + my) };
  const rects: Box[] = [
    { x1: outer.x1, y1: outer.y1, x2: outer.x2, y2: box.y1 },
    { x1: outer.x1, y1: box.y2, x2: outer.x2, y2: outer.y2 },
    { x1: outer.x1, y1: box.y1, x2: box.x1, y2: box.y2 },
    { x1: box.x2, y1: box.y1, x2: outer.x2, y2: box.y2 },
  ];
  return rects.filter((r) => r.x2 > r.x1 && r.y2 > r.y1);
}

function pixelIndex(point: PointPrompt, width: number, height: number): number {
  const x = Math.min(width - 1, Math.max(0, Math.floor(point.x)));
  const y = Math.min(height - 1, Math.max(0, Math.floor(point.y)));
  return y * width + x;
}

function rectPixels(rect: Box, width: number): number[] {
  const out: number[] = [];
  for (let y = rect.y1; y < rect.y2; y++) for (let x = rect.x1; x < rect.x2; x++) out.push(y * width + x);
  return out;
}

/** Mean phi over 3x3 windows at the points, each pixel weighted by 1 - void. */
function pointModel(analysis: PixelAnalysis, points: readonly PointPrompt[]): Model {
  const { width, height } = analysis;
  const rects = points.map((q) => {
    const i = pixelIndex(q, width, height);
    const x = i % width;
    const y = (i - x) / width;
    return { x1: Math.max(0, x - 1), y1: Math.max(0, y - 1), x2: Math.min(width, x + 2), y2: Math.min(height, y + 2) };
  });
  return rectModel(analysis, rects, null);
}

/**
 * Robust mean phi over the rectangles (pixels inside `exclude` skipped): the plain mean (each pixel
 * weighted by 1 - void), then SEG_ROBUST_STEPS re-weightings by exp(-|phi - mean|^2 / SEG_ROBUST_SCALE),
 * so that a distractor or an edge inside the region does not drag the model away from the majority.
 */
function rectModel(analysis: PixelAnalysis, rects: readonly Box[], exclude: Box | null): Model {
  const { width, height, voidness } = analysis;
  const phi = smoothedPhi(analysis);
  const n = width * height;
  const pixels: number[] = [];
  for (const r of rects) {
    for (let y = Math.max(0, r.y1); y < Math.min(height, r.y2); y++) {
      for (let x = Math.max(0, r.x1); x < Math.min(width, r.x2); x++) {
        if (exclude !== null && x >= exclude.x1 && x < exclude.x2 && y >= exclude.y1 && y < exclude.y2) continue;
        pixels.push(y * width + x);
      }
    }
  }
  let model = new Float64Array(FEATURE_CHANNELS);
  for (let step = 0; step <= SEG_ROBUST_STEPS; step++) {
    const sum = new Float64Array(FEATURE_CHANNELS);
    let weight = 0;
    for (const i of pixels) {
      let w = 1 - voidness[i];
      if (step > 0) {
        let d = 0;
        for (let c = 0; c < FEATURE_CHANNELS; c++) d += (phi[c * n + i] - model[c]) ** 2;
        w *= Math.exp(-d / SEG_ROBUST_SCALE);
      }
      weight += w;
      for (let c = 0; c < FEATURE_CHANNELS; c++) sum[c] += w * phi[c * n + i];
    }
    if (!(weight > 0)) break;
    for (let c = 0; c < FEATURE_CHANNELS; c++) sum[c] /= weight;
    model = sum;
  }
  return model;
}

function averageModels(models: readonly Model[]): Model {
  const out = new Float64Array(FEATURE_CHANNELS);
  for (const m of models) for (let c = 0; c < FEATURE_CHANNELS; c++) out[c] += m[c] / models.length;
  return out;
}

function squaredDistance(a: Model, b: Model): number {
  let d = 0;
  for (let c = 0; c < FEATURE_CHANNELS; c++) d += (a[c] - b[c]) ** 2;
  return d;
}

/** p where geodesically connected (8-neighbour steps, at most SEG_GROW_STEPS) inside p > 0.5 to a seed with p > 0.5. */
function grow(p: Float32Array, seeds: readonly number[], width: number, height: number): Float32Array {
  const out = new Float32Array(p.length);
  const depth = new Int32Array(p.length).fill(-1);
  let frontier: number[] = [];
  for (const s of seeds) {
    if (p[s] > 0.5 && depth[s] < 0) {
      depth[s] = 0;
      frontier.push(s);
    }
  }
  for (let step = 0; step < SEG_GROW_STEPS && frontier.length > 0; step++) {
    const next: number[] = [];
    for (const i of frontier) {
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const j = yy * width + xx;
          if (depth[j] < 0 && p[j] > 0.5) {
            depth[j] = step + 1;
            next.push(j);
          }
        }
      }
    }
    frontier = next;
  }
  for (let i = 0; i < p.length; i++) if (depth[i] >= 0) out[i] = p[i];
  return out;
}

/** #(m > 0.5 + offset) / #(m > 0.5 - offset); 0 when nothing exceeds the lower level. */
export function stability(mask: Float32Array): number {
  let high = 0;
  let low = 0;
  for (const v of mask) {
    if (v > 0.5 + SEG_STABILITY_OFFSET) high++;
    if (v > 0.5 - SEG_STABILITY_OFFSET) low++;
  }
  return low === 0 ? 0 : high / low;
}
