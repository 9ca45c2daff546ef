/**
 * Inpainter stand-in (world.ts, "Inpainter"): a push-pull fill from the surroundings, given the
 * surroundings' texture strength through a fixed noise pattern, so that a removed object leaves
 * something that looks like background (a blurry fill would look like a smooth animal).
 */
import { rgbImage, type BinaryMask, type RgbImage } from '../image';
import type { Inpainter } from '../ports';
import { textureOf } from './features';
import { INPAINT_NOISE, INPAINT_TEXTURE_GAIN, LUMINANCE_REFERENCE } from './world';

export class SyntheticInpainter implements Inpainter {
  readonly id = 'synthetic-fill@world-1';

  async inpaint(image: RgbImage, region: BinaryMask): Promise<RgbImage> {
    if (region.width !== image.width || region.height !== image.height) {
      throw new RangeError(`region is ${region.width}x${region.height}, image is ${image.width}x${image.height}`);
    }
    return textureFill(image, region);
  }
}

export function textureFill(image: RgbImage, region: BinaryMask): RgbImage {
  const { width, height } = image;
  const n = width * height;
  const colour = new Float32Array(3 * n);
  const keep = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    keep[i] = region.data[i] === 1 ? 0 : 1;
    for (let c = 0; c < 3; c++) colour[c * n + i] = image.data[i * 3 + c] / 255;
  }
  const fill = pushPull(colour, keep, 3, width, height);
  const known = windowFree(region, 4);
  const texture = pushPull(textureOf(image), known, 1, width, height);
  const out = new Uint8Array(3 * n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (region.data[i] !== 1) {
        out.set(image.data.subarray(i * 3, i * 3 + 3), i * 3);
        continue;
      }
      const lumFill = (fill[i] + fill[n + i] + fill[2 * n + i]) / 3;
      const strength = (INPAINT_TEXTURE_GAIN * texture[i] * lumFill) / LUMINANCE_REFERENCE;
      const cell = (y % 16) * 16 + (x % 16);
      for (let c = 0; c < 3; c++) {
        const v = fill[c * n + i] + strength * (INPAINT_NOISE[c * 256 + cell] as number);
        out[i * 3 + c] = Math.round(Math.min(1, Math.max(0, v)) * 255);
      }
    }
  }
  return rgbImage(width, height, out);
}

/** 1 where the (2r+1)^2 window around the pixel holds no region pixel (MaxPool then == 0). */
function windowFree(region: BinaryMask, radius: number): Float32Array {
  const { width, height } = region;
  const rows = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let any = 0;
      for (let k = Math.max(0, x - radius); k <= Math.min(width - 1, x + radius) && any === 0; k++) any = region.data[y * width + k];
      rows[y * width + x] = any;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let any = 0;
      for (let k = Math.max(0, y - radius); k <= Math.min(height - 1, y + radius) && any === 0; k++) any = rows[k * width + x];
      out[y * width + x] = any === 1 ? 0 : 1;
    }
  }
  return out;
}

interface Level {
  readonly width: number;
  readonly height: number;
  /** Channel-major values. */
  readonly values: Float32Array;
  readonly weight: Float32Array;
}

/**
 * Push-pull interpolation of `channels`-channel values (channel-major) where `weight` (0..1) is
 * low. Pull: 2x2 sum pooling of (w * v, w), weights clamped to <= 1, value = sum / weight (0 where
 * no weight). Push: v_l = w_l * v_l + (1 - w_l) * bilinear_upsample(v_{l+1}).
 */
export function pushPull(values: Float32Array, weight: Float32Array, channels: number, width: number, height: number): Float32Array {
  const levels: Level[] = [{ width, height, values: Float32Array.from(values), weight }];
  for (;;) {
    const fine = levels[levels.length - 1] as Level;
    if (fine.width === 1 && fine.height === 1) break;
    const w2 = Math.ceil(fine.width / 2);
    const h2 = Math.ceil(fine.height / 2);
    const m = w2 * h2;
    const nFine = fine.width * fine.height;
    const sum = new Float32Array(channels * m);
    const ww = new Float32Array(m);
    for (let y = 0; y < fine.height; y++) {
      for (let x = 0; x < fine.width; x++) {
        const i = y * fine.width + x;
        const j = (y >> 1) * w2 + (x >> 1);
        const w = fine.weight[i];
        ww[j] += w;
        for (let c = 0; c < channels; c++) sum[c * m + j] += w * fine.values[c * nFine + i];
      }
    }
    for (let j = 0; j < m; j++) {
      const w = ww[j];
      for (let c = 0; c < channels; c++) sum[c * m + j] = w > 0 ? sum[c * m + j] / w : 0;
      ww[j] = Math.min(1, w);
    }
    levels.push({ width: w2, height: h2, values: sum, weight: ww });
  }
  for (let l = levels.length - 2; l >= 0; l--) {
    const fine = levels[l] as Level;
    const up = bilinear(levels[l + 1] as Level, channels, fine.width, fine.height);
    const nf = fine.width * fine.height;
    for (let i = 0; i < nf; i++) {
      const w = fine.weight[i];
      if (w >= 1) continue;
      for (let c = 0; c < channels; c++) fine.values[c * nf + i] = w * fine.values[c * nf + i] + (1 - w) * up[c * nf + i];
    }
  }
  return (levels[0] as Level).values;
}

/** Bilinear upsampling with half-pixel centres (ONNX Resize linear, half_pixel), edges clamped. */
function bilinear(level: Level, channels: number, width: number, height: number): Float32Array {
  const n = width * height;
  const m = level.width * level.height;
  const out = new Float32Array(channels * n);
  const sx = level.width / width;
  const sy = level.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), level.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, level.height - 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), level.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, level.width - 1);
      const tx = fx - x0;
      for (let c = 0; c < channels; c++) {
        const base = c * m;
        const a = level.values[base + y0 * level.width + x0] * (1 - tx) + level.values[base + y0 * level.width + x1] * tx;
        const b = level.values[base + y1 * level.width + x0] * (1 - tx) + level.values[base + y1 * level.width + x1] * tx;
        out[c * n + y * width + x] = a * (1 - ty) + b * ty;
      }
    }
  }
  return out;
}
