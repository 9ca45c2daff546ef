/**
 * CandidateProposer stand-in: a "VLM" that knows the scene (an oracle with a hallucination model,
 * since no pure-TS VLM exists). Per patch, seeded by (scene, patch), it answers the naming and box
 * questions in words, parsed with the same parser a real chat-VLM adapter uses:
 * - The more of the patch the target fills, the likelier the right name (RIGHT_NAME below), with a
 *   loose, jittered box around the target's visible part.
 * - Otherwise it hallucinates: a salient distractor's name or an absent animal's (often one of the
 *   habitat, which looks alike), usually boxed on the target it failed to name, sometimes anywhere.
 * - Patches without the target get hallucinations with plausible boxes; now and then the VLM names a
 *   distractor that is in the patch, boxed on it.
 * - Now and then an answer is unparsable (a sentence, or no box). Names vary in surface form
 *   ("Frogs", "a frog.") so normalisation matters.
 * deterministic = true (the default): the same patch always gets the same answer. With
 * `{ sampling: true }` the VLM samples (temperature > 0): deterministic = false and each call for a
 * patch draws a new answer, seeded by (scene, patch, how many times this patch was asked since the
 * proposer was made or restarted), so a run is still reproducible. The benchmark uses the sampling VLM:
 * a real chat VLM's answers vary from one asking to the next, and that is what PNM accumulates over.
 */
import type { Box, RgbImage } from '../image';
import { parseBoxAnswer, parseNameAnswer } from '../int/parse';
import type { CandidateProposer, ProposalAnswer } from '../ports';
import { gaussian, pick, randomStream, type Random } from './prng';
import type { Scene } from './scene';
import { BACKGROUND_NAMES, PROTOTYPES, TARGET_NAMES, nameSpec } from './world';

/** P(right name) = clamp(RIGHT_NAME.base + RIGHT_NAME.perShare * (target share of the patch), 0, RIGHT_NAME.max). */
export const RIGHT_NAME = { base: 0.05, perShare: 3.5, max: 0.85 } as const;
/** A patch "shows" the target when it holds at least this fraction of the target's pixels. */
export const VISIBLE_FRACTION = 0.3;
/** Box jitter: each side moves by N(0, JITTER * size), then grows outwards by U(0, LOOSENESS) * size. */
export const BOX_JITTER = 0.15;
export const BOX_LOOSENESS = 0.45;
export const HALLUCINATION = {
  /** Of the hallucinations on a patch that shows the target: a distractor's name (else an absent animal's). */
  distractorName: 0.4,
  /** An absent animal is one of the target's habitat (it looks alike) with this probability. */
  sameHabitat: 0.6,
  /** The hallucinated name's box is on the target (else a random plausible box in the patch). */
  boxOnTarget: 0.4,
  /** On a patch without the target: name a distractor that is in the patch, boxed on it. */
  realDistractor: 0.1,
  /** An unparsable answer. */
  unparsable: 0.05,
  /** The background answer is wrong. */
  wrongBackground: 0.15,
} as const;

export interface ProposerOptions {
  /** Sample a new answer on every call (a VLM at temperature > 0). */
  readonly sampling?: boolean;
}

export class SyntheticProposer implements CandidateProposer {
  readonly id: string;
  readonly deterministic: boolean;
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly scene: Scene,
    options: ProposerOptions = {},
  ) {
    this.deterministic = options.sampling !== true;
    this.id = this.deterministic ? 'synthetic-vlm@world-1' : 'synthetic-vlm-sampling@world-1';
  }

  restart(): void {
    this.asked.clear();
  }

  async propose(patch: RgbImage, _taskPrompt: string): Promise<ProposalAnswer> {
    const rect = locatePatch(this.scene.image, patch);
    const key = rect === null ? 'unknown' : `${rect.x1},${rect.y1},${rect.x2},${rect.y2}`;
    const call = this.asked.get(key) ?? 0;
    this.asked.set(key, call + 1);
    const random = this.deterministic ? randomStream('proposer', this.scene.seed, key) : randomStream('proposer', this.scene.seed, key, call);
    const answer = rect === null ? hallucinate(random, this.scene, { x1: 0, y1: 0, x2: patch.width, y2: patch.height }, null) : this.answer(random, rect);
    const nameText = answer.unparsable === 'name' ? 'I am not sure what is hidden in this picture' : surfaceForm(random, answer.name);
    const local = answer.box === null ? null : { x1: answer.box.x1 - (rect?.x1 ?? 0), y1: answer.box.y1 - (rect?.y1 ?? 0), x2: answer.box.x2 - (rect?.x1 ?? 0), y2: answer.box.y2 - (rect?.y1 ?? 0) };
    const boxText = answer.unparsable === 'box' || local === null ? 'unknown' : `[${[local.x1 / patch.width, local.y1 / patch.height, local.x2 / patch.width, local.y2 / patch.height].map((v) => v.toFixed(3)).join(', ')}]`;
    const backgroundText = `${answer.background}.`;
    const name = parseNameAnswer(nameText);
    const box = parseBoxAnswer(boxText, patch.width, patch.height);
    const background = parseNameAnswer(backgroundText);
    return {
      raw: `name: ${nameText} | environment: ${backgroundText} | box: ${boxText}`,
      foreground: name.ok ? name.value : null,
      background: background.ok ? background.value : null,
      box: box.ok ? box.value : null,
    };
  }

  private answer(random: Random, rect: Box): Answer {
    const { scene } = this;
    const patchArea = (rect.x2 - rect.x1) * (rect.y2 - rect.y1);
    const visible = countInside(scene.groundTruth.data, scene.width, rect);
    const total = countInside(scene.groundTruth.data, scene.width, { x1: 0, y1: 0, x2: scene.width, y2: scene.height });
    const shows = total > 0 && visible / total >= VISIBLE_FRACTION;
    const background = random() < HALLUCINATION.wrongBackground ? pick(random, BACKGROUND_NAMES.filter((b) => b !== scene.background)) : scene.background;
    const unparsableRoll = random();
    const unparsable: Answer['unparsable'] = unparsableRoll < HALLUCINATION.unparsable / 2 ? 'name' : unparsableRoll < HALLUCINATION.unparsable ? 'box' : null;
    if (!shows) return { ...hallucinate(random, scene, rect, null), background, unparsable };
    const targetBox = visibleBox(scene, rect);
    const share = visible / patchArea;
    const right = Math.min(RIGHT_NAME.max, RIGHT_NAME.base + RIGHT_NAME.perShare * share);
    if (random() < right) return { name: scene.target.name, box: jitter(random, targetBox, rect), background, unparsable };
    return { ...hallucinate(random, scene, rect, targetBox), background, unparsable };
  }
}

interface Answer {
  readonly name: string;
  /** Image pixels. */
  readonly box: Box | null;
  readonly background: string;
  readonly unparsable: 'name' | 'box' | null;
}

/** A wrong name with a plausible box: on the (unrecognised) target when there is one in view, or anywhere. */
function hallucinate(random: Random, scene: Scene, rect: Box, targetBox: Box | null): Answer {
  const present = scene.distractors.filter((d) => countInside(d.mask.data, scene.width, rect) > 0.5 * countInside(d.mask.data, scene.width, d.box));
  if (targetBox === null && present.length > 0 && random() < HALLUCINATION.realDistractor) {
    const d = pick(random, present);
    return { name: d.name, box: jitter(random, clip(d.box, rect), rect), background: scene.background, unparsable: null };
  }
  const habitat = nameSpec(scene.target.name)?.habitat;
  const absent = TARGET_NAMES.filter((n) => n !== scene.target.name);
  const sameHabitat = PROTOTYPES.filter((p) => p.kind === 'target' && p.habitat === habitat && p.name !== scene.target.name).map((p) => p.name);
  let name: string;
  if (targetBox !== null && scene.distractors.length > 0 && random() < HALLUCINATION.distractorName) name = pick(random, scene.distractors).name;
  else if (sameHabitat.length > 0 && random() < HALLUCINATION.sameHabitat) name = pick(random, sameHabitat);
  else name = pick(random, absent);
  const box = targetBox !== null && random() < HALLUCINATION.boxOnTarget ? jitter(random, targetBox, rect) : randomBox(random, scene, rect);
  return { name, box, background: scene.background, unparsable: null };
}

/** Finds where a crop of the scene image lies (the loop's patches are exact crops at the image's corners). */
export function locatePatch(image: RgbImage, patch: RgbImage): Box | null {
  const xs = [...new Set([0, image.width - patch.width])];
  const ys = [...new Set([0, image.height - patch.height])];
  for (const y0 of ys) {
    for (const x0 of xs) {
      if (x0 < 0 || y0 < 0) continue;
      let same = true;
      for (let y = 0; y < patch.height && same; y++) {
        const a = ((y0 + y) * image.width + x0) * 3;
        const b = y * patch.width * 3;
        for (let k = 0; k < patch.width * 3; k++) {
          if (image.data[a + k] !== patch.data[b + k]) {
            same = false;
            break;
          }
        }
      }
      if (same) return { x1: x0, y1: y0, x2: x0 + patch.width, y2: y0 + patch.height };
    }
  }
  return null;
}

function countInside(data: Uint8Array, width: number, rect: Box): number {
  let count = 0;
  for (let y = rect.y1; y < rect.y2; y++) for (let x = rect.x1; x < rect.x2; x++) count += data[y * width + x];
  return count;
}

function visibleBox(scene: Scene, rect: Box): Box {
  let x1 = rect.x2;
  let y1 = rect.y2;
  let x2 = rect.x1;
  let y2 = rect.y1;
  for (let y = rect.y1; y < rect.y2; y++) {
    for (let x = rect.x1; x < rect.x2; x++) {
      if (scene.groundTruth.data[y * scene.width + x] === 1) {
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x + 1);
        y2 = Math.max(y2, y + 1);
      }
    }
  }
  return { x1, y1, x2, y2 };
}

function jitter(random: Random, box: Box, rect: Box): Box {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  const grow = (): number => random() * BOX_LOOSENESS;
  const moved = {
    x1: box.x1 + gaussian(random) * BOX_JITTER * w - grow() * w,
    y1: box.y1 + gaussian(random) * BOX_JITTER * h - grow() * h,
    x2: box.x2 + gaussian(random) * BOX_JITTER * w + grow() * w,
    y2: box.y2 + gaussian(random) * BOX_JITTER * h + grow() * h,
  };
  const out = clip({ x1: Math.round(moved.x1), y1: Math.round(moved.y1), x2: Math.round(moved.x2), y2: Math.round(moved.y2) }, rect);
  return out.x2 > out.x1 && out.y2 > out.y1 ? out : clip(box, rect);
}

function randomBox(random: Random, scene: Scene, rect: Box): Box {
  const side = Math.sqrt((scene.target.box.x2 - scene.target.box.x1) * (scene.target.box.y2 - scene.target.box.y1)) * (0.7 + 0.6 * random());
  const w = Math.max(4, Math.min(rect.x2 - rect.x1, Math.round(side)));
  const h = Math.max(4, Math.min(rect.y2 - rect.y1, Math.round(side)));
  const x1 = rect.x1 + Math.floor(random() * Math.max(1, rect.x2 - rect.x1 - w));
  const y1 = rect.y1 + Math.floor(random() * Math.max(1, rect.y2 - rect.y1 - h));
  return clip({ x1, y1, x2: x1 + w, y2: y1 + h }, rect);
}

function clip(box: Box, rect: Box): Box {
  return { x1: Math.max(rect.x1, box.x1), y1: Math.max(rect.y1, box.y1), x2: Math.min(rect.x2, box.x2), y2: Math.min(rect.y2, box.y2) };
}

/** "frog" as a VLM might write it: "Frog.", "a frog", "Frogs", "The frog is a small amphibian". */
function surfaceForm(random: Random, name: string): string {
  const irregular: Record<string, string> = { mouse: 'mice', octopus: 'octopuses', fish: 'fish', mantis: 'mantises' };
  const plural = irregular[name] ?? `${name}s`;
  const forms = [`${cap(name)}.`, `a ${name}`, `${cap(plural)}`, `The ${name} is a small animal hiding here.`, `"${name}"`];
  return pick(random, forms);
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
