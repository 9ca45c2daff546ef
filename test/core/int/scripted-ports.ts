/**
 * Tiny scripted ports for the INT loop tests: a 16x16 grey image with a red "frog" (5x5, top-left
 * quarter) and a blue "ladybird" (3x3, bottom-right quarter). Each port is simple enough to compute
 * expected values by hand:
 * - Scorer: the share of the image's pixels that have the name's colour (frog red, ladybird blue,
 *   the task prompt half of both, anything else 0).
 * - Inpainter: region pixels become background grey.
 * - Detector: the bounding box of the name's colour ("reddish": r > 2 * (g + b), so reweighting keeps it).
 * - PointPrompter: a positive point at the colour's centroid, a negative at (0, 0).
 * - Segmenter: 0.9 on the name's colour inside the box, 0.05 elsewhere; a worse second output.
 * - ClipScorer: the share of non-black pixels with the colour.
 * Every call is recorded.
 */
import { rgbImage, softMask, type Box, type RgbImage } from '../../../src/core/image';
import type {
  CandidateProposer,
  ClipScorer,
  Detection,
  Detector,
  Inpainter,
  IntModels,
  PointPrompter,
  ProposalAnswer,
  Scorer,
  SegmentPrompt,
  Segmenter,
  SegmentResult,
} from '../../../src/core/ports';
import type { PointPrompt } from '../../../src/core/image';

export const SIZE = 16;
export const GREY = 100;
export const FROG_BOX: Box = { x1: 2, y1: 2, x2: 7, y2: 7 };
export const LADYBIRD_BOX: Box = { x1: 11, y1: 11, x2: 14, y2: 14 };
export const TASK = 'camouflaged animal';

export function sceneImage(): RgbImage {
  const image = rgbImage(SIZE, SIZE);
  for (let i = 0; i < SIZE * SIZE; i++) image.data.fill(GREY, i * 3, i * 3 + 3);
  paint(image, FROG_BOX, [200, 0, 0]);
  paint(image, LADYBIRD_BOX, [0, 0, 200]);
  return image;
}

function paint(image: RgbImage, box: Box, rgb: readonly [number, number, number]): void {
  for (let y = box.y1; y < box.y2; y++) for (let x = box.x1; x < box.x2; x++) image.data.set(rgb, (y * image.width + x) * 3);
}

type Colour = 'red' | 'blue';
const COLOURS: Record<string, readonly Colour[]> = { frog: ['red'], ladybird: ['blue'], 'camouflaged animal': ['red', 'blue'] };

function is(colour: Colour, data: Uint8Array, p: number): boolean {
  const r = data[p] ?? 0;
  const g = data[p + 1] ?? 0;
  const b = data[p + 2] ?? 0;
  return colour === 'red' ? r > 2 * (g + b) && r > 20 : b > 2 * (r + g) && b > 20;
}

/** Share of pixels of `image` with the colour(s) of `name`, averaged over its colours. */
export function colourShare(image: RgbImage, name: string, skipBlack = false): number {
  const colours = COLOURS[name] ?? [];
  if (colours.length === 0) return 0;
  let total = 0;
  for (const colour of colours) {
    let hits = 0;
    let count = 0;
    for (let p = 0; p < image.data.length; p += 3) {
      const black = (image.data[p] ?? 0) + (image.data[p + 1] ?? 0) + (image.data[p + 2] ?? 0) === 0;
      if (skipBlack && black) continue;
      count++;
      if (is(colour, image.data, p)) hits++;
    }
    total += count === 0 ? 0 : hits / count;
  }
  return total / colours.length;
}

function colourBox(image: RgbImage, name: string): Box | null {
  const colours = COLOURS[name] ?? [];
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (colours.some((c) => is(c, image.data, (y * image.width + x) * 3))) {
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x + 1);
        y2 = Math.max(y2, y + 1);
      }
    }
  }
  return x2 < 0 ? null : { x1, y1, x2, y2 };
}

/** What each patch's VLM answers, in patch order (whole, left, right, top, bottom, TL, TR, BL, BR). */
export function defaultAnswers(): (ProposalAnswer | Error)[] {
  const a = (foreground: string | null, box: Box | null, background: string | null = 'ground'): ProposalAnswer => ({
    raw: `${foreground ?? '?'} | ${background ?? '?'} | ${box === null ? '-' : `${box.x1},${box.y1},${box.x2},${box.y2}`}`,
    foreground,
    background,
    box,
  });
  return [
    a('Ladybirds', FROG_BOX), // whole: misnamed hallucination on the frog
    a('a frog.', FROG_BOX), // left (offset 0,0)
    a(null, { x1: 1, y1: 1, x2: 4, y2: 4 }), // right: no name
    a('frogs', FROG_BOX), // top
    a('mouse', { x1: 0, y1: 0, x2: 4, y2: 4 }), // bottom: absent animal on empty ground
    a('frog', FROG_BOX), // top-left
    a('frog', { x1: 3, y1: 3, x2: 3, y2: 6 }), // top-right: zero-area box
    new Error('VLM timed out'), // bottom-left
    a('ladybird', { x1: 3, y1: 3, x2: 6, y2: 6 }), // bottom-right: the real ladybird (offset 8,8)
  ];
}

export interface Calls {
  propose: RgbImage[];
  score: { image: RgbImage; name: string; vocabulary: readonly string[] }[];
  inpaint: { image: RgbImage; pixels: number }[];
  detect: { image: RgbImage; phrase: string }[];
  points: { image: RgbImage; fg: readonly string[]; bg: readonly string[] }[];
  segment: { image: RgbImage; prompt: SegmentPrompt }[];
  clip: { images: readonly RgbImage[]; name: string }[];
}

export interface ScriptOptions {
  answers?: (ProposalAnswer | Error)[];
  deterministic?: boolean;
  /** Phrases the detector pretends not to find. */
  blind?: readonly string[];
  /** Replaces the segmenter's mask per call (call index, prompt) when given. */
  segmentMask?: (call: number, prompt: SegmentPrompt, image: RgbImage) => Float32Array | null;
  /** Replaces the clip scores. */
  clipScores?: (images: readonly RgbImage[], name: string) => number[];
  /** Extra detections for a phrase (added after the colour box). */
  extraDetections?: Record<string, Detection[]>;
}

export function scriptedModels(options: ScriptOptions = {}): { models: IntModels; calls: Calls } {
  const calls: Calls = { propose: [], score: [], inpaint: [], detect: [], points: [], segment: [], clip: [] };
  const answers = options.answers ?? defaultAnswers();
  let proposeCount = 0;
  const proposer: CandidateProposer = {
    id: 'scripted-vlm@1',
    deterministic: options.deterministic ?? true,
    async propose(patch) {
      calls.propose.push(patch);
      const answer = answers[proposeCount % answers.length];
      proposeCount++;
      if (answer === undefined) throw new Error('no scripted answer');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const scorer: Scorer = {
    id: 'scripted-score@1',
    route: 'clip',
    async score(image, name, vocabulary) {
      calls.score.push({ image, name, vocabulary });
      return colourShare(image, name);
    },
  };
  const inpainter: Inpainter = {
    id: 'scripted-fill@1',
    async inpaint(image, region) {
      let pixels = 0;
      const out = new Uint8Array(image.data);
      region.data.forEach((v, i) => {
        if (v === 1) {
          pixels++;
          out.fill(GREY, i * 3, i * 3 + 3);
        }
      });
      calls.inpaint.push({ image, pixels });
      return rgbImage(image.width, image.height, out);
    },
  };
  const detector: Detector = {
    id: 'scripted-detector@1',
    async detect(image, phrase) {
      calls.detect.push({ image, phrase });
      if (options.blind?.includes(phrase)) return [];
      const box = colourBox(image, phrase);
      const found: Detection[] = box === null ? [] : [{ box, score: 0.9, phrase }];
      return [...found, ...(options.extraDetections?.[phrase] ?? [])];
    },
  };
  const pointPrompter: PointPrompter = {
    id: 'scripted-points@1',
    async points(image, fg, bg) {
      calls.points.push({ image, fg, bg });
      const box = colourBox(image, fg[0] ?? '');
      const points: PointPrompt[] = [{ x: 0, y: 0, label: 0 }];
      if (box !== null) points.push({ x: Math.floor((box.x1 + box.x2) / 2), y: Math.floor((box.y1 + box.y2) / 2), label: 1 });
      return points;
    },
  };
  const segmenter: Segmenter = {
    id: 'scripted-sam@1',
    async segment(image, prompt) {
      const call = calls.segment.length;
      calls.segment.push({ image, prompt });
      const scripted = options.segmentMask?.(call, prompt, image) ?? null;
      const data = scripted ?? new Float32Array(image.width * image.height).fill(0.05);
      if (scripted === null && prompt.box !== null) {
        const box = prompt.box;
        for (let y = box.y1; y < box.y2; y++) {
          for (let x = box.x1; x < box.x2; x++) {
            const p = (y * image.width + x) * 3;
            if (is('red', image.data, p) || is('blue', image.data, p)) data[y * image.width + x] = 0.9;
          }
        }
      }
      const worse = new Float32Array(data.length).fill(0.5);
      const results: SegmentResult[] = [
        { mask: softMask(image.width, image.height, worse), predictedIoU: 0.2 },
        { mask: softMask(image.width, image.height, data), predictedIoU: 0.8 },
      ];
      return results;
    },
  };
  const clipScorer: ClipScorer = {
    id: 'scripted-clip@1',
    async similarities(images, name) {
      calls.clip.push({ images, name });
      return options.clipScores?.(images, name) ?? images.map((image) => colourShare(image, name, true));
    },
  };
  return { models: { proposer, scorer, inpainter, detector, pointPrompter, segmenter, clipScorer }, calls };
}
