/**
 * Reference implementation of the world's pixel features (world.ts, "Pixel features") and text
 * embeddings, shared by the CLIP, detector, point-prompter and segmenter stand-ins.
 * One analysis per image object (WeakMap): the stand-ins called on the same X_i share it.
 */
import type { RgbImage } from '../image';
import {
  ASSIGN_TEMPERATURE,
  EDGE_SOFTNESS,
  EDGE_TEXTURE,
  LUMINANCE_FLOOR,
  LUMINANCE_REFERENCE,
  PROTOTYPES,
  PROTOTYPE_INDEX,
  TEXTURE_GAIN,
  VOID_LUMINANCE,
  VOID_SOFTNESS,
  WORD_WEIGHTS,
} from './world';

export const PROTOTYPE_COUNT = PROTOTYPES.length;
export const FEATURE_CHANNELS = 4;

export interface PixelAnalysis {
  readonly width: number;
  readonly height: number;
  /** phi, channel-major: phi[c * N + i], c in 0..3 (chroma r, g, b, TEXTURE_GAIN * texture). */
  readonly phi: Float32Array;
  /** void(x). */
  readonly voidness: Float32Array;
  /** a_j(x), prototype-major: assign[j * N + i]. */
  readonly assign: Float32Array;
}

/** prototypeFeature(j): the chroma formula on the base colour, and TEXTURE_GAIN * texture. */
export function prototypeFeatures(): readonly (readonly number[])[] {
  return PROTOTYPES.map((spec) => {
    const c = spec.rgb.map((v) => v / 255) as [number, number, number];
    const lum = (c[0] + c[1] + c[2]) / 3;
    const scale = LUMINANCE_REFERENCE / Math.max(lum, LUMINANCE_FLOOR);
    return [c[0] * scale, c[1] * scale, c[2] * scale, TEXTURE_GAIN * spec.texture];
  });
}

const PROTOTYPE_TABLE = prototypeFeatures();

/**
 * Box average over a (2r+1)^2 window, stride 1, averaging only the pixels inside the image
 * (ONNX AveragePool with pads r and count_include_pad = 0). Separable: rows then columns.
 */
export function boxAverage(src: Float32Array, width: number, height: number, radius: number, out = new Float32Array(src.length)): Float32Array {
  const tmp = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const x1 = Math.max(0, x - radius);
      const x2 = Math.min(width - 1, x + radius);
      let sum = 0;
      for (let k = x1; k <= x2; k++) sum += src[row + k];
      tmp[row + x] = sum / (x2 - x1 + 1);
    }
  }
  for (let y = 0; y < height; y++) {
    const y1 = Math.max(0, y - radius);
    const y2 = Math.min(height - 1, y + radius);
    const count = y2 - y1 + 1;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = y1; k <= y2; k++) sum += tmp[k * width + x];
      out[y * width + x] = sum / count;
    }
  }
  return out;
}

const cache = new WeakMap<RgbImage, PixelAnalysis>();

/** phi, void and the soft assignment of every pixel (cached per image object). */
export function analyse(image: RgbImage): PixelAnalysis {
  const cached = cache.get(image);
  if (cached !== undefined) return cached;
  const { width, height, data } = image;
  const n = width * height;
  const channels = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const lumRaw = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = data[i * 3] / 255;
    const g = data[i * 3 + 1] / 255;
    const b = data[i * 3 + 2] / 255;
    (channels[0] as Float32Array)[i] = r;
    (channels[1] as Float32Array)[i] = g;
    (channels[2] as Float32Array)[i] = b;
    lumRaw[i] = (r + g + b) / 3;
  }
  const smooth = channels.map((c) => boxAverage(c, width, height, 1)) as [Float32Array, Float32Array, Float32Array];
  const voidness = new Float32Array(n);
  const lum = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    lum[i] = (smooth[0][i] + smooth[1][i] + smooth[2][i]) / 3;
    voidness[i] = 1 / (1 + Math.exp(-(VOID_LUMINANCE - lum[i]) / VOID_SOFTNESS));
  }
  const texture = chromaTexture(channels, lumRaw, voidness, width, height);

  const phi = new Float32Array(FEATURE_CHANNELS * n);
  const assign = new Float32Array(PROTOTYPE_COUNT * n);
  const distances = new Float64Array(PROTOTYPE_COUNT);
  for (let i = 0; i < n; i++) {
    const scale = LUMINANCE_REFERENCE / Math.max(lum[i], LUMINANCE_FLOOR);
    const f0 = smooth[0][i] * scale;
    const f1 = smooth[1][i] * scale;
    const f2 = smooth[2][i] * scale;
    const f3 = TEXTURE_GAIN * texture[i];
    phi[i] = f0;
    phi[n + i] = f1;
    phi[2 * n + i] = f2;
    phi[3 * n + i] = f3;
    const v = voidness[i];
    let best = Infinity;
    for (let j = 0; j < PROTOTYPE_COUNT; j++) {
      const p = PROTOTYPE_TABLE[j] as readonly number[];
      const d0 = f0 - (p[0] as number);
      const d1 = f1 - (p[1] as number);
      const d2 = f2 - (p[2] as number);
      const d3 = f3 - (p[3] as number);
      const d = (d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3) / ASSIGN_TEMPERATURE;
      distances[j] = d;
      if (d < best) best = d;
    }
    let total = 0;
    for (let j = 0; j < PROTOTYPE_COUNT; j++) {
      // exp(-30) < 1e-13: such a prototype's share is below float32 resolution anyway.
      const gap = distances[j] - best;
      const e = gap > 30 ? 0 : Math.exp(-gap);
      distances[j] = e;
      total += e;
    }
    const content = (1 - v) / (1 + Math.exp(-(EDGE_TEXTURE - texture[i]) / EDGE_SOFTNESS));
    for (let j = 0; j < PROTOTYPE_COUNT; j++) assign[j * n + i] = (content * distances[j]) / total;
  }
  const analysis: PixelAnalysis = { width, height, phi, voidness, assign };
  cache.set(image, analysis);
  return analysis;
}

/**
 * Local chroma variation of the non-void pixels (world.ts, "texture"): with w = 1 - void,
 * m_k = AvgPool5(w * chromaRaw_k) / AvgPool5(w); texture = AvgPool5(w * mean_k |chromaRaw_k - m_k|) / AvgPool5(w).
 */
export function chromaTexture(channels: readonly Float32Array[], lumRaw: Float32Array, voidness: Float32Array, width: number, height: number): Float32Array {
  const n = lumRaw.length;
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 - voidness[i];
  const wAvg = boxAverage(w, width, height, 2);
  const deviation = new Float32Array(n);
  const weighted = new Float32Array(n);
  const chroma = new Float32Array(n);
  for (const channel of channels) {
    for (let i = 0; i < n; i++) {
      chroma[i] = (channel[i] * LUMINANCE_REFERENCE) / Math.max(lumRaw[i], LUMINANCE_FLOOR);
      weighted[i] = w[i] * chroma[i];
    }
    const mean = boxAverage(weighted, width, height, 2);
    for (let i = 0; i < n; i++) deviation[i] += (w[i] * Math.abs(chroma[i] - mean[i] / Math.max(wAvg[i], 1e-6))) / channels.length;
  }
  const devAvg = boxAverage(deviation, width, height, 2);
  for (let i = 0; i < n; i++) devAvg[i] /= Math.max(wAvg[i], 1e-6);
  return devAvg;
}

/** The texture map of an image (void-aware), for the inpainter. */
export function textureOf(image: RgbImage): Float32Array {
  const { phi, width, height } = analyse(image);
  const n = width * height;
  return Float32Array.from(phi.subarray(3 * n, 4 * n), (v) => v / TEXTURE_GAIN);
}

/** Text embedding of a phrase: sum over its words of WORD_WEIGHTS (unknown words add nothing); J + 1 long, the void slot 0. */
export function textEmbedding(phrase: string): Float32Array {
  const vector = new Float32Array(PROTOTYPE_COUNT + 1);
  for (const word of phrase.toLowerCase().split(/\s+/)) {
    const weights = WORD_WEIGHTS.get(word);
    if (weights === undefined) continue;
    for (const [name, weight] of weights) {
      const index = PROTOTYPE_INDEX.get(name);
      if (index !== undefined) vector[index] += weight;
    }
  }
  return vector;
}

/**
 * CLIP image embedding: e_j = mean over pixels of a_j(x) (J values), then the mean of void(x).
 * Pure black pixels far (> 6 px) from anything else all have the same features, so a masked image is
 * analysed on the bounding box of its non-black pixels plus a 6 px margin, and the rest is added as
 * copies of one black pixel (the same numbers as analysing the whole image).
 */
export function imageEmbedding(image: RgbImage): Float32Array {
  const bounds = contentBounds(image, 6);
  const target = bounds === null || (bounds.x1 === 0 && bounds.y1 === 0 && bounds.x2 === image.width && bounds.y2 === image.height) ? image : crop(image, bounds);
  const { assign, voidness } = analyse(target);
  const n = target.width * target.height;
  const total = image.width * image.height;
  const black = total - n;
  const blackPixel = black > 0 ? blackPixelFeatures() : null;
  const embedding = new Float32Array(PROTOTYPE_COUNT + 1);
  for (let j = 0; j < PROTOTYPE_COUNT; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += assign[j * n + i];
    embedding[j] = (sum + (blackPixel === null ? 0 : black * (blackPixel.assign[j] as number))) / total;
  }
  let empty = 0;
  for (let i = 0; i < n; i++) empty += voidness[i];
  embedding[PROTOTYPE_COUNT] = (empty + (blackPixel === null ? 0 : black * blackPixel.voidness)) / total;
  return embedding;
}

let blackCache: { assign: Float32Array; voidness: number } | null = null;

/** Features of a black pixel inside a black region (phi = 0). */
function blackPixelFeatures(): { assign: Float32Array; voidness: number } {
  if (blackCache === null) {
    const side = 13;
    const analysis = analyse({ width: side, height: side, data: new Uint8Array(side * side * 3) });
    const centre = 6 * side + 6;
    const n = side * side;
    blackCache = { assign: Float32Array.from({ length: PROTOTYPE_COUNT }, (_, j) => analysis.assign[j * n + centre] as number), voidness: analysis.voidness[centre] as number };
  }
  return blackCache;
}

/** Bounding box of the pixels that are not pure black, grown by `margin`; null when all are black. */
function contentBounds(image: RgbImage, margin: number): { x1: number; y1: number; x2: number; y2: number } | null {
  const { width, height, data } = image;
  let x1 = width;
  let y1 = height;
  let x2 = -1;
  let y2 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      if (data[p] !== 0 || data[p + 1] !== 0 || data[p + 2] !== 0) {
        if (x < x1) x1 = x;
        if (x > x2) x2 = x;
        if (y < y1) y1 = y;
        if (y > y2) y2 = y;
      }
    }
  }
  if (x2 < 0) return { x1: 0, y1: 0, x2: Math.min(width, 1), y2: Math.min(height, 1) };
  return { x1: Math.max(0, x1 - margin), y1: Math.max(0, y1 - margin), x2: Math.min(width, x2 + 1 + margin), y2: Math.min(height, y2 + 1 + margin) };
}

function crop(image: RgbImage, rect: { x1: number; y1: number; x2: number; y2: number }): RgbImage {
  const width = rect.x2 - rect.x1;
  const height = rect.y2 - rect.y1;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((rect.y1 + y) * image.width + rect.x1) * 3;
    data.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { width, height, data };
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * The detector / point-prompter similarity map: AvgPool5x5( sum_j (t_j / max_j t_j) a_j(x) ).
 * All zeros for a phrase the world does not know.
 */
export function phraseSimilarity(image: RgbImage, phrase: string): Float32Array {
  const { assign } = analyse(image);
  const n = image.width * image.height;
  const text = textEmbedding(phrase);
  let max = 0;
  for (let j = 0; j < PROTOTYPE_COUNT; j++) max = Math.max(max, text[j]);
  const weighted = new Float32Array(n);
  if (max === 0) return weighted;
  for (let j = 0; j < PROTOTYPE_COUNT; j++) {
    const w = text[j] / max;
    if (w === 0) continue;
    const offset = j * n;
    for (let i = 0; i < n; i++) weighted[i] += w * assign[offset + i];
  }
  return boxAverage(weighted, image.width, image.height, 2);
}
