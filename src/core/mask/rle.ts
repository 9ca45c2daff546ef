/**
 * COCO run-length encoding, bit-compatible with pycocotools (common/maskApi.c).
 *
 * Contract:
 * - Runs are taken in column-major order (down each column, columns left to right) and alternate
 *   background / foreground, always starting with a background run (which may be 0 long).
 * - `size` is [height, width], as COCO writes it.
 * - The compressed `counts` string is maskApi.c's rleToString: each count (from the fourth on, as the
 *   difference to the count two places earlier) is written in 5-bit groups, least significant first,
 *   with 0x20 as the "more" flag and 0x10 as the sign bit of the last group, offset by 48 ('0').
 * - Input may also be the uncompressed form `{ size, counts: number[] }` (what COCO uses for iscrowd).
 *
 * Masks are row-major everywhere else in the project (core/image.ts); the transposition happens here only.
 */
import { binaryMask, type BinaryMask } from '../image';

export interface CocoRle {
  /** [height, width] */
  readonly size: readonly [number, number];
  readonly counts: string;
}

export interface UncompressedRle {
  /** [height, width] */
  readonly size: readonly [number, number];
  readonly counts: readonly number[];
}

/** Thrown for malformed RLE input; the message says what was expected and what was found. */
export class RleFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RleFormatError';
  }
}

let runScratch = new Uint32Array(1024);

function ensureRunScratch(length: number): Uint32Array {
  if (runScratch.length < length) runScratch = new Uint32Array(Math.max(length, runScratch.length * 2));
  return runScratch;
}

/** Column-major run lengths of a mask (nonzero = foreground), starting with a background run. */
export function encodeRleCounts(mask: BinaryMask): Uint32Array {
  const { width, height, data } = mask;
  // At most one run per pixel plus the leading background run.
  const runs = ensureRunScratch(width * height + 1);
  let runCount = 0;
  let current = 0; // value of the run being counted
  let length = 0;
  for (let x = 0; x < width; x++) {
    let index = x;
    for (let y = 0; y < height; y++, index += width) {
      const value = data[index] !== 0 ? 1 : 0;
      if (value !== current) {
        runs[runCount++] = length;
        length = 0;
        current = value;
      }
      length++;
    }
  }
  runs[runCount++] = length;
  return runs.slice(0, runCount);
}

export function encodeRle(mask: BinaryMask): CocoRle {
  return { size: [mask.height, mask.width], counts: countsToString(encodeRleCounts(mask)) };
}

let charScratch = new Uint8Array(4096);

/** maskApi.c rleToString. Counts up to 2^53 are handled (pycocotools itself is limited to 32 bits). */
export function countsToString(counts: ArrayLike<number>): string {
  const needed = counts.length * 11 + 1;
  if (charScratch.length < needed) charScratch = new Uint8Array(Math.max(needed, charScratch.length * 2));
  const chars = charScratch;
  let p = 0;
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i]!;
    if (i > 2) x -= counts[i - 2]!;
    let more = true;
    while (more) {
      // x & 0x1f and x >> 5 with arithmetic (sign-preserving) semantics, valid beyond 32 bits.
      const group = x - Math.floor(x / 32) * 32;
      x = Math.floor(x / 32);
      more = (group & 0x10) !== 0 ? x !== -1 : x !== 0;
      chars[p++] = (more ? group | 0x20 : group) + 48;
    }
  }
  // fromCharCode.apply reads the typed array directly (about 3x faster than copying it to an Array);
  // chunks keep the argument count far below engine limits.
  let out = '';
  for (let start = 0; start < p; start += 4096) {
    out += String.fromCharCode.apply(null, chars.subarray(start, Math.min(p, start + 4096)) as unknown as number[]);
  }
  return out;
}

/** maskApi.c rleFrString, with validation: every character must be in '0'..'o' and every count >= 0. */
export function countsFromString(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    let multiplier = 1;
    while (more) {
      if (p >= s.length) throw new RleFormatError(`RLE counts string ends inside a number at character ${p}`);
      const code = s.charCodeAt(p) - 48;
      if (code < 0 || code > 63) {
        throw new RleFormatError(`RLE counts string has an invalid character ${JSON.stringify(s[p])} at ${p}; expected '0'..'o'`);
      }
      x += (code & 0x1f) * multiplier;
      multiplier *= 32;
      more = (code & 0x20) !== 0;
      p++;
      k++;
      if (!more && (code & 0x10) !== 0) x -= multiplier; // sign extension: x |= -1 << 5k
      if (k > 11) throw new RleFormatError(`RLE counts string has a number longer than 11 characters at ${p}`);
    }
    if (counts.length > 2) x += counts[counts.length - 2]!;
    if (x < 0) throw new RleFormatError(`RLE count ${counts.length} is negative (${x})`);
    counts.push(x);
  }
  return counts;
}

function validateSize(size: unknown): [number, number] {
  if (!Array.isArray(size) || size.length !== 2) {
    throw new RleFormatError(`RLE size must be [height, width], got ${JSON.stringify(size)}`);
  }
  const [h, w] = size as unknown[];
  if (typeof h !== 'number' || typeof w !== 'number' || !Number.isInteger(h) || !Number.isInteger(w) || h <= 0 || w <= 0) {
    throw new RleFormatError(`RLE size must be two positive integers [height, width], got ${JSON.stringify(size)}`);
  }
  return [h, w];
}

/** Run lengths of either RLE form, validated: non-negative integers summing to height * width. */
export function rleCounts(rle: CocoRle | UncompressedRle): { height: number; width: number; counts: ArrayLike<number> } {
  const [height, width] = validateSize(rle.size);
  let counts: ArrayLike<number>;
  if (typeof rle.counts === 'string') {
    counts = countsFromString(rle.counts);
  } else if (Array.isArray(rle.counts)) {
    for (let i = 0; i < rle.counts.length; i++) {
      const c = rle.counts[i];
      if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) {
        throw new RleFormatError(`RLE count ${i} must be a non-negative integer, got ${JSON.stringify(c)}`);
      }
    }
    counts = rle.counts;
  } else {
    throw new RleFormatError(`RLE counts must be a string or an array of integers, got ${typeof rle.counts}`);
  }
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  if (total !== height * width) {
    throw new RleFormatError(
      `RLE counts sum to ${total} but size ${height}x${width} (height x width) needs ${height * width}`,
    );
  }
  return { height, width, counts };
}

/** Decodes either RLE form into a row-major mask; throws RleFormatError on malformed input. */
export function decodeRle(rle: CocoRle | UncompressedRle): BinaryMask {
  const { height, width, counts } = rleCounts(rle);
  const mask = binaryMask(width, height);
  const data = mask.data;
  let position = 0; // column-major position
  for (let i = 0; i < counts.length; i++) {
    let run = counts[i]!;
    if ((i & 1) === 1) {
      while (run > 0) {
        const column = Math.floor(position / height);
        const row = position - column * height;
        const segment = Math.min(run, height - row);
        let index = row * width + column;
        for (let k = 0; k < segment; k++, index += width) data[index] = 1;
        position += segment;
        run -= segment;
      }
    } else {
      position += run;
    }
  }
  return mask;
}

/** Foreground pixel count of run lengths (the odd runs). */
export function rleArea(counts: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < counts.length; i += 2) area += counts[i]!;
  return area;
}

/** maskApi.c rleToBbox: [x, y, width, height] of the foreground, [0, 0, 0, 0] when empty. */
export function rleBbox(counts: ArrayLike<number>, height: number): [number, number, number, number] {
  const pairs = Math.floor(counts.length / 2) * 2;
  let xs = Infinity;
  let ys = Infinity;
  let xe = -1;
  let ye = -1;
  let position = 0;
  for (let j = 0; j < pairs; j += 2) {
    position += counts[j]!;
    const run = counts[j + 1]!;
    if (run === 0) continue;
    const first = position;
    const last = position + run - 1;
    position += run;
    const x0 = Math.floor(first / height);
    const x1 = Math.floor(last / height);
    const y0 = first - x0 * height;
    const y1 = last - x1 * height;
    xs = Math.min(xs, x0);
    xe = Math.max(xe, x1);
    if (x1 > x0) {
      ys = 0;
      ye = height - 1;
    } else {
      ys = Math.min(ys, y0);
      ye = Math.max(ye, y1);
    }
  }
  if (xe < 0) return [0, 0, 0, 0];
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}
