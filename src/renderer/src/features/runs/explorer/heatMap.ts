/**
 * The soft mask M_i as a colour heat overlay. The stored asset is an 8-bit grayscale PNG (0..255 for
 * 0..1); the browser decodes it into RGBA ImageData, and each pixel's red byte indexes a 256-entry
 * lookup table of premade RGBA words, so colouring a 4000x3000 mask is one typed-array pass with no
 * per-pixel allocation. Values near 0 fade to transparent so the image stays readable under the heat.
 *
 * Pixel contract: input is ImageData bytes (R, G, B, A row-major, gray in R = G = B); output is
 * written in place in the same layout.
 */

export interface HeatStop {
  /** Position in [0, 1]. */
  readonly at: number;
  readonly color: string;
}

/** An inferno-like ramp: dark purple for doubt, red around the 0.5 threshold, bright yellow for certain. */
export const HEAT_STOPS: readonly HeatStop[] = [
  { at: 0, color: '#1b0c41' },
  { at: 0.2, color: '#4a0c6b' },
  { at: 0.35, color: '#781c6d' },
  { at: 0.5, color: '#bc3754' },
  { at: 0.65, color: '#ed6925' },
  { at: 0.8, color: '#fb9b06' },
  { at: 0.92, color: '#f7d13d' },
  { at: 1, color: '#fcffa4' },
];

export interface HeatAlpha {
  /** Opacity of the hottest pixel, 0..255. */
  readonly max: number;
  /** Values at or below `fadeFrom` are transparent; opacity grows to `max` at `fadeTo`. */
  readonly fadeFrom: number;
  readonly fadeTo: number;
}

export const DEFAULT_HEAT_ALPHA: HeatAlpha = { max: 215, fadeFrom: 0.04, fadeTo: 0.4 };

interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

function hexToRgb(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) throw new RangeError(`expected a colour like #bc3754, got ${JSON.stringify(hex)}`);
  return { r: parseInt(match[1] ?? '0', 16), g: parseInt(match[2] ?? '0', 16), b: parseInt(match[3] ?? '0', 16) };
}

/** The ramp's colour at t in [0, 1], linearly interpolated between stops (sorted by `at`). */
export function heatColorAt(stops: readonly HeatStop[], t: number): Rgb {
  if (stops.length === 0) throw new RangeError('a heat ramp needs at least one stop');
  const x = Math.min(1, Math.max(0, t));
  let lower = stops[0];
  let upper = stops[stops.length - 1];
  for (let i = 0; i < stops.length - 1; i++) {
    const a = stops[i];
    const b = stops[i + 1];
    if (x >= a.at && x <= b.at) {
      lower = a;
      upper = b;
      break;
    }
  }
  const from = hexToRgb(lower.color);
  const to = hexToRgb(upper.color);
  const span = upper.at - lower.at;
  const f = span <= 0 ? 0 : (x - lower.at) / span;
  return { r: Math.round(from.r + (to.r - from.r) * f), g: Math.round(from.g + (to.g - from.g) * f), b: Math.round(from.b + (to.b - from.b) * f) };
}

/** Opacity (0..255) of a value in [0, 1]: transparent up to fadeFrom, a smooth rise to max at fadeTo. */
export function heatAlphaAt(alpha: HeatAlpha, t: number): number {
  if (t <= alpha.fadeFrom) return 0;
  if (t >= alpha.fadeTo) return alpha.max;
  const f = (t - alpha.fadeFrom) / (alpha.fadeTo - alpha.fadeFrom);
  return Math.round(alpha.max * f * f * (3 - 2 * f));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function packRgba(r: number, g: number, b: number, a: number): number {
  return (LITTLE_ENDIAN ? (a << 24) | (b << 16) | (g << 8) | r : (r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

/** 256 RGBA words, one per 8-bit mask value, in the platform byte order of a Uint32Array over ImageData. */
export function buildHeatLut(stops: readonly HeatStop[] = HEAT_STOPS, alpha: HeatAlpha = DEFAULT_HEAT_ALPHA): Uint32Array {
  const lut = new Uint32Array(256);
  for (let value = 0; value < 256; value++) {
    const t = value / 255;
    const alphaByte = heatAlphaAt(alpha, t);
    if (alphaByte === 0) continue;
    const color = heatColorAt(stops, t);
    lut[value] = packRgba(color.r, color.g, color.b, alphaByte);
  }
  return lut;
}

/** Colours decoded grayscale RGBA pixels in place through the table (the red byte is the value). */
export function colorizeGrayPixels(pixels: Uint8ClampedArray, lut: Uint32Array): void {
  if (pixels.length % 4 !== 0) throw new RangeError(`expected RGBA bytes (a multiple of 4), got ${pixels.length}`);
  if (lut.length !== 256) throw new RangeError(`expected a 256-entry lookup table, got ${lut.length}`);
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4);
  for (let i = 0, byte = 0; i < words.length; i++, byte += 4) words[i] = lut[pixels[byte]];
}

/** The ramp as a CSS gradient, for the legend. */
export function heatGradientCss(stops: readonly HeatStop[] = HEAT_STOPS): string {
  return `linear-gradient(to right, ${stops.map((stop) => `${stop.color} ${Math.round(stop.at * 100)}%`).join(', ')})`;
}
