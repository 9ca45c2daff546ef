/**
 * The synthetic world: every constant that gives a name its look, and every constant that the
 * reference stand-ins (pure TS, in this folder) and the tiny ONNX test graphs (helper-b,
 * test/fixtures) share. An ONNX graph reproduces a stand-in when it computes the formulas below
 * with these numbers; change a number here and both follow (the fixture generator imports this file).
 *
 * ## Pixel features (shared by every stand-in except the inpainter)
 * For an RGB image scaled to 0..1 (c = rgb / 255), at the image's own resolution (no resize;
 * ONNX graphs with dynamic H and W reproduce this exactly; a graph that resizes gets close, not equal):
 *   cs      = AvgPool3x3(c)                       stride 1, pad 1, count_include_pad = 0 (edge windows average only real pixels)
 *   lum     = mean over channels of cs            (one channel)
 *   chroma  = cs * LUMINANCE_REFERENCE / max(lum, LUMINANCE_FLOOR)
 *             -> brightness-normalised colour: darkening a pixel (the INT reweighting) keeps its chroma
 *   texture = AvgPool5x5(|lumRaw - AvgPool5x5(lumRaw)|) / max(AvgPool5x5(lumRaw), LUMINANCE_FLOOR)
 *             with lumRaw = mean over channels of c (unsmoothed): relative local contrast, brightness-invariant
 *   phi     = [chroma_r, chroma_g, chroma_b, TEXTURE_GAIN * texture]      (4 channels)
 *   void    = sigmoid((VOID_LUMINANCE - lum) / VOID_SOFTNESS)             (1 channel: "nothing here": black,
 *             masked-out or strongly darkened pixels)
 *   d_j     = || phi - prototypeFeature(j) ||^2                          for every prototype j (PROTOTYPES order)
 *   a_j     = (1 - void) * softmax_j(-d_j / ASSIGN_TEMPERATURE)            soft assignment, sums to 1 - void
 * prototypeFeature(j) = [chroma of the prototype's base colour (same formula on one pixel), TEXTURE_GAIN * texture]
 * (see `prototypeFeatures()` in features.ts; the table is plain numbers an ONNX Conv1x1 can hold).
 *
 * ## Text embedding (CLIP text tower, detector phrase, point-prompter names)
 * A phrase is lower-cased, split on spaces; each word looks up WORD_WEIGHTS (a weight per prototype,
 * unknown words give zeros); the phrase vector is the sum over words. Multi-word task prompts
 * ("camouflaged animal") therefore mean "any animal": that is what makes the generic prompt
 * pick the salient distractors. For an ONNX text tower: one token per word, Gather from a
 * [vocab, PROTOTYPES.length] table, ReduceSum over tokens.
 *
 * ## How each stand-in uses this (formulas; the code is in the file named)
 * - CLIP image embedding (clip.ts): e_j = sum_x a_j(x) / max(sum_x (1 - void(x)), 1e-6): the composition of the
 *   non-void content (masked-out black pixels do not count). ClipScorer.similarities = cos(e, text(name)).
 * - Scorer, CLIP route (clip.ts): softmax over the vocabulary of LOGIT_SCALE * cos(e(P), text(v)), at `name`.
 * - Detector (detector.ts): sim(x) = AvgPool5x5( sum_j text_j a_j(x) / max_j text_j ), threshold
 *   DETECT_PIXEL_THRESHOLD, 4-connected components (the ONNX graph outputs `sim`; its adapter does the
 *   components), components smaller than DETECT_MIN_AREA_FRACTION of the image dropped, box = component
 *   bounding box, score = mean sim over the component; kept when score >= DETECT_BOX_THRESHOLD, best first,
 *   at most DETECT_MAX_BOXES.
 * - PointPrompter (points.ts): diff(x) = mean over fg names of sim_fg(x) - mean over bg names of sim_bg(x)
 *   (sim as in the detector; an empty bg list gives 0), averaged over a POINT_GRID x POINT_GRID grid of cells
 *   (cell c spans [floor(c*W/G), floor((c+1)*W/G))), min-max normalised over cells; cells >= POINT_POSITIVE_LEVEL
 *   are positive (the POINT_MAX_POSITIVE highest), as many lowest cells negative; a point is its cell centre.
 * - Segmenter (segmenter.ts): a "SAM" that grows a region from its prompts. fg model = mean phi over
 *   3x3 windows at the positive points, else over the central box (SEG_CENTRE_FRACTION of the box around its
 *   centre); bg model = mean of (mean phi at negative points) and (mean phi over the ring outside the box,
 *   SEG_RING_FRACTION of the box size wide), whichever exist, else the image mean.
 *   p(x) = (1 - void(x)) * sigmoid(SEG_SHARPNESS * (|phi-bg|^2 - |phi-fg|^2) / (|fg-bg|^2 + SEG_SEPARATION_FLOOR)),
 *   zero outside the box. Three outputs: (a) "grown": p where geodesically connected (SEG_GROW_STEPS steps of
 *   3x3 dilation inside p > 0.5) to the seeds (positive points, else the central box); (b) p; (c) AvgPool5x5(p)
 *   inside the box. predictedIoU = stability = #(m > 0.5 + SEG_STABILITY_OFFSET) / #(m > 0.5 - SEG_STABILITY_OFFSET)
 *   (0 when the denominator is 0); outputs sorted by it, best first.
 * - Inpainter (inpainter.ts): push-pull fill. Pull: levels by 2x2 sum pooling (odd sizes: the last row/column
 *   pools alone) of (w * c, w) with w = 1 - region at level 0 and weights clamped to <= 1 after each pooling;
 *   colour = sum / weight. Push, coarse to fine: c_l = w_l * c_l + (1 - w_l) * bilinear_upsample(c_{l+1})
 *   (half-pixel centres). Known pixels are unchanged; holes get a smooth fill from their surroundings
 *   (no texture: a real inpainter's blur).
 *
 * ## What the scene generator and the proposer stand-in take from here
 * Base colours, texture amplitude and cell size per name (RENDER), the habitat of each camouflaged animal
 * (its background), and which names are targets, distractors and backgrounds.
 */

export type WorldKind = 'target' | 'distractor' | 'background';

export interface NameSpec {
  /** Normalised (lower case, singular) name: the word the text towers know. */
  readonly name: string;
  readonly kind: WorldKind;
  /** Base colour in 0..255. */
  readonly rgb: readonly [number, number, number];
  /** Texture statistic of the prototype (relative local contrast, the `texture` formula above) as measured on a rendered surface. */
  readonly texture: number;
  /** Rendering: value-noise luminance modulation amplitude (relative) and noise cell size in pixels. */
  readonly render: { readonly amplitude: number; readonly cell: number };
  /** For targets: the background it is camouflaged on. */
  readonly habitat?: string;
}

/** Every prototype, in the channel order of the assignment map and of all embeddings. */
export const PROTOTYPES: readonly NameSpec[] = [
  // Backgrounds.
  { name: 'sand', kind: 'background', rgb: [178, 160, 118], texture: 0.035, render: { amplitude: 0.08, cell: 6 } },
  { name: 'bark', kind: 'background', rgb: [122, 96, 74], texture: 0.06, render: { amplitude: 0.14, cell: 4 } },
  { name: 'moss', kind: 'background', rgb: [96, 130, 70], texture: 0.05, render: { amplitude: 0.11, cell: 5 } },
  { name: 'seabed', kind: 'background', rgb: [104, 122, 120], texture: 0.03, render: { amplitude: 0.07, cell: 8 } },
  { name: 'leaf', kind: 'background', rgb: [160, 112, 62], texture: 0.045, render: { amplitude: 0.1, cell: 7 } },
  // Camouflaged animals: chroma close to their habitat, texture different.
  { name: 'crab', kind: 'target', habitat: 'sand', rgb: [180, 150, 98], texture: 0.07, render: { amplitude: 0.16, cell: 3 } },
  { name: 'mouse', kind: 'target', habitat: 'sand', rgb: [166, 152, 124], texture: 0.015, render: { amplitude: 0.035, cell: 6 } },
  { name: 'moth', kind: 'target', habitat: 'bark', rgb: [130, 104, 88], texture: 0.02, render: { amplitude: 0.05, cell: 6 } },
  { name: 'gecko', kind: 'target', habitat: 'bark', rgb: [122, 104, 68], texture: 0.09, render: { amplitude: 0.2, cell: 3 } },
  { name: 'frog', kind: 'target', habitat: 'moss', rgb: [110, 136, 62], texture: 0.015, render: { amplitude: 0.035, cell: 6 } },
  { name: 'mantis', kind: 'target', habitat: 'moss', rgb: [100, 140, 86], texture: 0.01, render: { amplitude: 0.025, cell: 8 } },
  { name: 'octopus', kind: 'target', habitat: 'seabed', rgb: [122, 120, 106], texture: 0.07, render: { amplitude: 0.16, cell: 3 } },
  { name: 'fish', kind: 'target', habitat: 'seabed', rgb: [96, 118, 128], texture: 0.012, render: { amplitude: 0.03, cell: 7 } },
  { name: 'butterfly', kind: 'target', habitat: 'leaf', rgb: [166, 122, 72], texture: 0.015, render: { amplitude: 0.035, cell: 7 } },
  { name: 'toad', kind: 'target', habitat: 'leaf', rgb: [150, 114, 76], texture: 0.08, render: { amplitude: 0.18, cell: 3 } },
  // Salient, non-camouflaged animals: what a generic "camouflaged animal" prompt latches on to.
  { name: 'ladybird', kind: 'distractor', rgb: [200, 44, 38], texture: 0.01, render: { amplitude: 0.02, cell: 6 } },
  { name: 'parrot', kind: 'distractor', rgb: [44, 112, 204], texture: 0.01, render: { amplitude: 0.02, cell: 6 } },
  { name: 'canary', kind: 'distractor', rgb: [226, 198, 44], texture: 0.01, render: { amplitude: 0.02, cell: 6 } },
];

export const PROTOTYPE_INDEX: ReadonlyMap<string, number> = new Map(PROTOTYPES.map((spec, index) => [spec.name, index]));

export const TARGET_NAMES: readonly string[] = PROTOTYPES.filter((p) => p.kind === 'target').map((p) => p.name);
export const DISTRACTOR_NAMES: readonly string[] = PROTOTYPES.filter((p) => p.kind === 'distractor').map((p) => p.name);
export const BACKGROUND_NAMES: readonly string[] = PROTOTYPES.filter((p) => p.kind === 'background').map((p) => p.name);

/**
 * Word -> weight per prototype name. Every prototype name maps to itself with weight 1 (added below).
 * Generic words spread over a group; modifiers the tiny towers do not know map to nothing.
 */
const GENERIC_WORDS: Readonly<Record<string, readonly string[]>> = {
  animal: [...TARGET_NAMES, ...DISTRACTOR_NAMES],
  creature: [...TARGET_NAMES, ...DISTRACTOR_NAMES],
  object: [...TARGET_NAMES, ...DISTRACTOR_NAMES],
  camouflaged: [],
  hidden: [],
  concealed: [],
};

/** The generic task prompts the synthetic benchmark uses (all reduce to "any animal"). */
export const GENERIC_TASK_PROMPTS: readonly string[] = ['camouflaged animal', 'hidden animal', 'camouflaged object'];

export const WORD_WEIGHTS: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map<string, ReadonlyMap<string, number>>([
  ...PROTOTYPES.map((p) => [p.name, new Map([[p.name, 1]])] as const),
  ...Object.entries(GENERIC_WORDS).map(([word, names]) => [word, new Map(names.map((n) => [n, 1]))] as const),
]);

// ---- Pixel features -------------------------------------------------------------------------
export const LUMINANCE_REFERENCE = 0.5;
export const LUMINANCE_FLOOR = 0.05;
export const TEXTURE_GAIN = 2;
export const VOID_LUMINANCE = 0.1;
export const VOID_SOFTNESS = 0.02;
export const ASSIGN_TEMPERATURE = 0.004;

// ---- CLIP (image/text towers, Scorer clip route) ---------------------------------------------
/** Multiplies cosine similarities before the vocabulary softmax of the CLIP-route Scorer. */
export const LOGIT_SCALE = 20;

// ---- Detector ---------------------------------------------------------------------------------
export const DETECT_PIXEL_THRESHOLD = 0.5;
export const DETECT_MIN_AREA_FRACTION = 0.002;
export const DETECT_BOX_THRESHOLD = 0.3;
export const DETECT_MAX_BOXES = 5;

// ---- PointPrompter ----------------------------------------------------------------------------
export const POINT_GRID = 28;
export const POINT_POSITIVE_LEVEL = 0.9;
export const POINT_MAX_POSITIVE = 8;

// ---- Segmenter --------------------------------------------------------------------------------
export const SEG_CENTRE_FRACTION = 0.4;
export const SEG_RING_FRACTION = 0.25;
export const SEG_SHARPNESS = 4;
export const SEG_SEPARATION_FLOOR = 1e-4;
export const SEG_GROW_STEPS = 64;
export const SEG_STABILITY_OFFSET = 0.15;

/** Returns the spec of a normalised name, or undefined when the world does not know it. */
export function nameSpec(name: string): NameSpec | undefined {
  const index = PROTOTYPE_INDEX.get(name);
  return index === undefined ? undefined : PROTOTYPES[index];
}
