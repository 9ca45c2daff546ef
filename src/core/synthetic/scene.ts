/**
 * Seeded camouflage scenes with a known answer. A textured background; one target animal (an
 * irregular blob, sometimes with a hole, sometimes in two parts) whose colour is close to the
 * background's (its habitat) and whose texture differs; salient distractor animals that a generic
 * prompt picks, half of the time one of them right beside the target. Colours and textures come
 * from world.ts.
 */
import { binaryMask, rgbImage, type BinaryMask, type Box, type RgbImage } from '../image';
import { gaussian, integer, pick, randomStream, uniform, type Random } from './prng';
import { BACKGROUND_NAMES, DISTRACTOR_NAMES, GENERIC_TASK_PROMPTS, PROTOTYPES, nameSpec, type NameSpec } from './world';

export interface SceneOptions {
  readonly width?: number;
  readonly height?: number;
  /** Defaults to "camouflaged animal". */
  readonly taskPrompt?: string;
}

export interface SceneObject {
  readonly name: string;
  readonly mask: BinaryMask;
  readonly box: Box;
}

export interface Scene {
  readonly id: string;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly image: RgbImage;
  readonly taskPrompt: string;
  readonly background: string;
  /** The camouflaged animal: its mask is the ground truth. */
  readonly target: SceneObject & { readonly shape: 'blob' | 'holed' | 'two-part' };
  readonly groundTruth: BinaryMask;
  readonly distractors: readonly SceneObject[];
}

/** Per-pixel noise of every surface (in 0..255 units, per channel). */
export const PIXEL_NOISE = 4;
/** Target area as a fraction of the image. */
export const TARGET_AREA = [0.035, 0.1] as const;
/** Distractor radius relative to the target's. */
export const DISTRACTOR_SCALE = [0.55, 0.8] as const;
export const HOLED_PROBABILITY = 0.2;
export const TWO_PART_PROBABILITY = 0.25;
/** Decoys per scene: uniform in [0, MAX_DECOYS]; radius relative to the target's. */
export const MAX_DECOYS = 0;
/** Probability that the first distractor sits right beside the target. */
export const NEIGHBOUR_PROBABILITY = 0.5;
export const DECOY_SCALE = [0.45, 0.65] as const;

export function generateScene(seed: number, options: SceneOptions = {}): Scene {
  const width = options.width ?? 128;
  const height = options.height ?? 128;
  const random = randomStream('scene', seed, width, height);
  const background = pick(random, BACKGROUND_NAMES);
  const targets = PROTOTYPES.filter((p) => p.kind === 'target' && p.habitat === background);
  const targetSpec = pick(random, targets);
  const distractorCount = integer(random, 1, 3);
  const distractorNames = shuffled(random, DISTRACTOR_NAMES).slice(0, distractorCount);

  const area = uniform(random, TARGET_AREA[0], TARGET_AREA[1]) * width * height;
  const roll = random();
  const shape: Scene['target']['shape'] = roll < HOLED_PROBABILITY ? 'holed' : roll < HOLED_PROBABILITY + TWO_PART_PROBABILITY ? 'two-part' : 'blob';
  const radius = Math.sqrt(area / Math.PI);
  const targetMask = binaryMask(width, height);
  const occupied = binaryMask(width, height);
  if (shape === 'two-part') {
    const r = radius / Math.SQRT2;
    const cx = uniform(random, 2.2 * r, width - 2.2 * r);
    const cy = uniform(random, 1.3 * r, height - 1.3 * r);
    const angle = uniform(random, 0, Math.PI);
    const gap = r * uniform(random, 1.05, 1.3);
    drawBlob(targetMask, random, cx + Math.cos(angle) * gap, cy + Math.sin(angle) * gap, r * 0.9);
    drawBlob(targetMask, random, cx - Math.cos(angle) * gap, cy - Math.sin(angle) * gap, r * 0.9);
  } else {
    const cx = uniform(random, 1.4 * radius, width - 1.4 * radius);
    const cy = uniform(random, 1.4 * radius, height - 1.4 * radius);
    drawBlob(targetMask, random, cx, cy, radius);
    if (shape === 'holed') {
      const hole = binaryMask(width, height);
      drawBlob(hole, random, cx + uniform(random, -0.15, 0.15) * radius, cy + uniform(random, -0.15, 0.15) * radius, radius * uniform(random, 0.3, 0.4));
      for (let i = 0; i < hole.data.length; i++) if (hole.data[i] === 1) targetMask.data[i] = 0;
    }
  }
  dilateInto(occupied, targetMask, 3);

  const distractors: SceneObject[] = [];
  const targetBox = maskBox(targetMask);
  const centre = { x: (targetBox.x1 + targetBox.x2) / 2, y: (targetBox.y1 + targetBox.y2) / 2 };
  const nextToTarget = random() < NEIGHBOUR_PROBABILITY;
  for (const [index, name] of distractorNames.entries()) {
    const r = radius * uniform(random, DISTRACTOR_SCALE[0], DISTRACTOR_SCALE[1]);
    for (let attempt = 0; attempt < 40; attempt++) {
      let cx = uniform(random, 1.4 * r, width - 1.4 * r);
      let cy = uniform(random, 1.4 * r, height - 1.4 * r);
      if (index === 0 && nextToTarget && attempt < 30) {
        // Right beside the target: a salient animal sitting next to the hidden one.
        const angle = uniform(random, 0, 2 * Math.PI);
        const reach = Math.max(targetBox.x2 - targetBox.x1, targetBox.y2 - targetBox.y1) / 2 + r + uniform(random, 2, 6);
        cx = Math.min(width - 1.2 * r, Math.max(1.2 * r, centre.x + Math.cos(angle) * reach));
        cy = Math.min(height - 1.2 * r, Math.max(1.2 * r, centre.y + Math.sin(angle) * reach));
      }
      const mask = binaryMask(width, height);
      drawBlob(mask, random, cx, cy, r);
      if (overlaps(mask, occupied)) continue;
      dilateInto(occupied, mask, 3);
      distractors.push({ name, mask, box: maskBox(mask) });
      break;
    }
  }

  const image = rgbImage(width, height);
  paintSurface(image, null, spec(background), random);
  paintSurface(image, targetMask, targetSpec, random);
  for (const d of distractors) paintSurface(image, d.mask, spec(d.name), random);
  return {
    id: `scene-${seed}`,
    seed,
    width,
    height,
    image,
    taskPrompt: options.taskPrompt ?? (GENERIC_TASK_PROMPTS[0] as string),
    background,
    target: { name: targetSpec.name, mask: targetMask, box: maskBox(targetMask), shape },
    groundTruth: targetMask,
    distractors,
  };
}

function spec(name: string): NameSpec {
  const found = nameSpec(name);
  if (found === undefined) throw new RangeError(`the synthetic world has no name ${JSON.stringify(name)}`);
  return found;
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** An irregular star-shaped blob: r(theta) = R (1 + sum_k a_k cos(k theta + phase_k)), k = 2..4. */
function drawBlob(mask: BinaryMask, random: Random, cx: number, cy: number, radius: number): void {
  const harmonics = [2, 3, 4].map((k) => ({ k, a: uniform(random, 0, 0.16), phase: uniform(random, 0, 2 * Math.PI) }));
  const reach = radius * 1.5;
  for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(mask.height, Math.ceil(cy + reach)); y++) {
    for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(mask.width, Math.ceil(cx + reach)); x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const theta = Math.atan2(dy, dx);
      let r = 1;
      for (const h of harmonics) r += h.a * Math.cos(h.k * theta + h.phase);
      if (Math.hypot(dx, dy) <= radius * r) mask.data[y * mask.width + x] = 1;
    }
  }
}

function overlaps(a: BinaryMask, b: BinaryMask): boolean {
  for (let i = 0; i < a.data.length; i++) if (a.data[i] === 1 && b.data[i] === 1) return true;
  return false;
}

function dilateInto(target: BinaryMask, source: BinaryMask, radius: number): void {
  const { width, height } = source;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (source.data[y * width + x] !== 1) continue;
      for (let yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
        for (let xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) target.data[yy * width + xx] = 1;
      }
    }
  }
}

export function maskBox(mask: BinaryMask): Box {
  let x1 = mask.width;
  let y1 = mask.height;
  let x2 = 0;
  let y2 = 0;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[y * mask.width + x] === 1) {
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x + 1);
        y2 = Math.max(y2, y + 1);
      }
    }
  }
  return x2 === 0 ? { x1: 0, y1: 0, x2: 0, y2: 0 } : { x1, y1, x2, y2 };
}

/**
 * Paints a surface (the whole image when `mask` is null): base colour plus amplitude * value noise
 * (at the name's cell size) along the name's zero-sum pattern direction, plus per-pixel Gaussian
 * noise of PIXEL_NOISE per channel.
 */
function paintSurface(image: RgbImage, mask: BinaryMask | null, surface: NameSpec, random: Random): void {
  const { width, height } = image;
  const noise = valueNoise(random, width, height, surface.render.cell);
  const { amplitude, pattern } = surface.render;
  for (let i = 0; i < width * height; i++) {
    if (mask !== null && mask.data[i] !== 1) continue;
    for (let c = 0; c < 3; c++) {
      const v = surface.rgb[c] + amplitude * noise[i] * pattern[c] + PIXEL_NOISE * gaussian(random);
      image.data[i * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
}

/** Smooth value noise in [-1, 1]: random lattice values every `cell` pixels, smoothstep interpolation. */
function valueNoise(random: Random, width: number, height: number, cell: number): Float32Array {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const lattice = new Float32Array(gw * gh);
  for (let i = 0; i < lattice.length; i++) lattice[i] = random() * 2 - 1;
  const out = new Float32Array(width * height);
  const ox = random() * cell;
  const oy = random() * cell;
  const smooth = (t: number): number => t * t * (3 - 2 * t);
  for (let y = 0; y < height; y++) {
    const fy = (y + oy) / cell;
    const y0 = Math.floor(fy);
    const ty = smooth(fy - y0);
    for (let x = 0; x < width; x++) {
      const fx = (x + ox) / cell;
      const x0 = Math.floor(fx);
      const tx = smooth(fx - x0);
      const a = lattice[y0 * gw + x0] * (1 - tx) + lattice[y0 * gw + x0 + 1] * tx;
      const b = lattice[(y0 + 1) * gw + x0] * (1 - tx) + lattice[(y0 + 1) * gw + x0 + 1] * tx;
      out[y * width + x] = a * (1 - ty) + b * ty;
    }
  }
  return out;
}
