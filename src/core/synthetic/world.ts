/**
 * The synthetic world: every constant that gives a name its look, and every constant that the
 * reference stand-ins (pure TS, in this folder) and the tiny ONNX test graphs (helper-b,
 * scripts/onnx) share. An ONNX graph reproduces a stand-in when it computes the formulas below
 * with these numbers; change a number here and both follow (the fixture generator imports this file).
 * WORLD_VERSION changes whenever a formula (not just a number) changes.
 *
 * ## Pixel features (shared by every stand-in except the inpainter's fill)
 * For an RGB image scaled to 0..1 (c = rgb / 255), at the image's own resolution (no resize: ONNX graphs
 * with dynamic H and W reproduce this exactly; a graph that resizes gets close, not equal).
 * AvgPoolKxK is stride 1, pad (K-1)/2, count_include_pad = 0 (edge windows average only real pixels).
 *   cs        = AvgPool3x3(c);  lum = mean over channels of cs;  lumRaw = mean over channels of c
 *   chroma    = cs * LUMINANCE_REFERENCE / max(lum, LUMINANCE_FLOOR)       brightness-normalised colour
 *   void      = sigmoid((VOID_LUMINANCE - lum) / VOID_SOFTNESS)             "nothing here": black, masked out, or
 *               darkened by the INT reweighting (x0.7 per iteration where the mask rejects) until it fades
 *   w         = 1 - void
 *   chromaRaw = c * LUMINANCE_REFERENCE / max(lumRaw, LUMINANCE_FLOOR)     per pixel, unsmoothed
 *   m_k       = AvgPool5x5(w * chromaRaw_k) / max(AvgPool5x5(w), 1e-6)    k = r, g, b
 *   texture   = AvgPool5x5(w * mean_k |chromaRaw_k - m_k|) / max(AvgPool5x5(w), 1e-6)
 *               local chroma variation of the non-void pixels. Surfaces are patterned in chroma (spots of a
 *               second hue), so texture is brightness-invariant: the reweighting multiplies all channels alike
 *   edge      = sigmoid((texture - EDGE_TEXTURE) / EDGE_SOFTNESS)           the border between two hues (rougher
 *               than any surface), so a distractor's outline is not mistaken for a rough animal
 *   phi       = [chroma_r, chroma_g, chroma_b, TEXTURE_GAIN * texture]    (4 channels)
 *   d_j       = || phi - prototypeFeature(j) ||^2                        for every prototype j (PROTOTYPES order)
 *   a_j       = (1 - void) * (1 - edge) * softmax_j(-d_j / ASSIGN_TEMPERATURE)   soft assignment (J channels)
 * prototypeFeature(j) = [the chroma formula on the prototype's rgb (one pixel), TEXTURE_GAIN * texture_j]
 * (`prototypeFeatures()` in features.ts: plain numbers a Conv1x1 holds).
 *
 * ## Text embedding (CLIP text tower, detector phrase, point-prompter names)
 * J + 1 numbers. A phrase is lower-cased and split on spaces; each word looks up WORD_WEIGHTS (a weight
 * per prototype; unknown words give zeros); the vector is the sum over words; the last slot (void) is 0.
 * Every prototype name maps to itself with weight 1; the generic words (animal, creature, object) map to
 * the distractors with weight 1 and to the camouflaged animals with GENERIC_CAMOUFLAGED_WEIGHT; modifiers
 * (camouflaged, hidden, concealed) map to nothing. So "camouflaged animal" = "an animal, most of all a
 * salient one": without HCG the generic prompt finds the distractors. ONNX: one token per word, Gather from
 * a [vocab, J + 1] table, ReduceSum over tokens.
 *
 * ## How each stand-in uses this (the code is in the file named)
 * - CLIP image embedding (clip.ts, features.ts): J + 1 numbers: e_j = mean over ALL pixels of a_j(x), then
 *   e_void = mean over all pixels of void(x). ClipScorer.similarities = cos(e, text(name)), in [0, 1]: high when
 *   much of the image is the name's stuff, so a masked whole animal beats a masked speck (void dilutes the
 *   speck) and a masked distractor scores ~0. (features.ts analyses a masked image on the bounding box of its
 *   non-black pixels plus 6 px and adds the rest as copies of one black pixel: the same numbers.)
 * - Scorer, CLIP route (clip.ts): softmax over (vocabulary + name) of LOGIT_SCALE * cos(e(P), text(v)), at `name`.
 * - Detector (detector.ts): sim(x) = AvgPool5x5( sum_j text_j a_j(x) / max_j text_j ) (0 for an unknown phrase);
 *   pixels with sim > DETECT_PIXEL_THRESHOLD, 4-connected components (an ONNX graph outputs sim or does
 *   label propagation; the components may be done by its adapter), components smaller than
 *   DETECT_MIN_AREA_FRACTION of the image dropped, box = component bounding box (exclusive ends), score = mean
 *   sim over the component; kept when score >= DETECT_BOX_THRESHOLD, best first, at most DETECT_MAX_BOXES.
 * - PointPrompter (points.ts): diff(x) = mean over fg names of sim_fg(x) - mean over bg names of sim_bg(x)
 *   (sim as in the detector; no bg names: 0), averaged per cell of a POINT_GRID x POINT_GRID grid (cell c spans
 *   [floor(c*W/G), floor((c+1)*W/G)); an empty cell is 0), min-max normalised over cells (a flat map gives no
 *   points); cells >= POINT_POSITIVE_LEVEL are positive (the POINT_MAX_POSITIVE highest, ties by cell index), as
 *   many of the lowest cells negative; a point is its cell centre ((c + 0.5) * W / G).
 * - Segmenter (segmenter.ts): a "SAM" that grows a region from its prompts. It compares psi = AvgPool(2r+1)(phi),
 *   r = SEG_SMOOTH_RADIUS. A model is a robust mean of psi over a set of pixels: the (1 - void)-weighted mean,
 *   then SEG_ROBUST_STEPS re-weightings by exp(-|psi - model|^2 / SEG_ROBUST_SCALE). fg model: over the 3x3
 *   windows at the positive points, else over the central box (SEG_CENTRE_FRACTION of the box around its centre).
 *   bg model: the average of the model over 3x3 windows at the negative points and the model over the ring
 *   outside the box (SEG_RING_FRACTION of the box size wide, at least 2 px, clipped), whichever exist, else the
 *   model of the whole image.
 *   p(x) = (1 - void(x)) * sigmoid(SEG_SHARPNESS * (|psi-bg|^2 - |psi-fg|^2) / (|fg-bg|^2 + SEG_SEPARATION_FLOOR)),
 *   zero outside the box. Three outputs: (a) "grown": p where reachable from a seed with p > 0.5 (the positive
 *   points, else the central box) in at most SEG_GROW_STEPS 8-neighbour steps through p > 0.5; (b) p;
 *   (c) AvgPool5x5(p), zero outside the box. predictedIoU = stability = #(m > 0.5 + SEG_STABILITY_OFFSET) /
 *   #(m > 0.5 - SEG_STABILITY_OFFSET) (0 when the denominator is 0); outputs sorted by it, best first.
 * - Inpainter (inpainter.ts): push-pull fill with the surroundings' texture. pushPull(v, w): pull = levels by
 *   2x2 sum pooling (odd sizes: the last row/column pools alone) of (w * v, w), weights clamped to <= 1 after each
 *   pooling, value = sum / weight (0 where the weight is 0), down to 1x1; push, coarse to fine:
 *   v_l = w_l * v_l + (1 - w_l) * bilinear_upsample(v_{l+1}) (half-pixel centres, edges clamped). Then
 *     fill    = pushPull(c, 1 - region)                                     smooth colour from the surroundings
 *     known   = 1 where MaxPool9x9(region) = 0 (the texture window of x holds no hole pixel), else 0
 *     tFill   = pushPull(texture of the input image, known)                 the surroundings' texture strength
 *     lumFill = mean over channels of fill
 *     n_k(x, y) = INPAINT_NOISE[k * 256 + (y mod 16) * 16 + (x mod 16)]     three fixed zero-mean, unit-variance patterns
 *     out_k   = clamp(fill_k + INPAINT_TEXTURE_GAIN * tFill * n_k * lumFill / LUMINANCE_REFERENCE, 0, 1) inside
 *               the region, the input elsewhere; round(out * 255)
 *   A blurry fill would look like a smooth animal to the texture feature; this one looks like the background.
 *
 * ## What the scene generator and the proposer stand-in take from here
 * rgb, render (amplitude, cell, pattern) per name, the habitat of each camouflaged animal, and which names
 * are targets, distractors and backgrounds. `texture` of each prototype is the measured mean texture of its
 * rendered surface (re-measure after changing render: test/core/synthetic/world.test.ts checks it).
 */

/**
 * 1: first version. 2: chroma texture (patterned surfaces), void-aware texture, edge gate, void slot in
 * the embeddings (mean over all pixels), generic words weighted, robust smoothed segmenter models,
 * textured inpainting fill.
 */
export const WORLD_VERSION = 2;

export type WorldKind = 'target' | 'distractor' | 'background';

export interface NameSpec {
  /** Normalised (lower case, singular) name: the word the text towers know. */
  readonly name: string;
  readonly kind: WorldKind;
  /** Base colour in 0..255. */
  readonly rgb: readonly [number, number, number];
  /** The `texture` formula above as measured on a rendered surface of this name (its interior, averaged over scenes). */
  readonly texture: number;
  /**
   * Rendering: colour = rgb + amplitude * valueNoise(x / cell, y / cell) * pattern (per channel, 0..255 units),
   * plus pixel noise. `pattern` is a zero-sum direction (spots of a second hue), so texture is chroma variation.
   */
  readonly render: { readonly amplitude: number; readonly cell: number; readonly pattern: readonly [number, number, number] };
  /** For targets: the background it is camouflaged on. */
  readonly habitat?: string;
}

/** Every prototype, in the channel order of the assignment map and of all embeddings. */
export const PROTOTYPES: readonly NameSpec[] = [
  // Backgrounds: four hue families (chroma far apart), textures of medium strength.
  { name: 'sand', kind: 'background', rgb: [214, 189, 121], texture: 0.01, render: { amplitude: 22, cell: 4, pattern: [0.31, -1, 0.69] } },
  { name: 'bark', kind: 'background', rgb: [169, 110, 104], texture: 0.0138, render: { amplitude: 22, cell: 4, pattern: [0.07, -1, 0.93] } },
  { name: 'moss', kind: 'background', rgb: [110, 168, 118], texture: 0.0127, render: { amplitude: 22, cell: 4, pattern: [0.71, -1, 0.29] } },
  { name: 'seabed', kind: 'background', rgb: [110, 136, 159], texture: 0.0134, render: { amplitude: 22, cell: 4, pattern: [0, -1, 1] } },
  // Camouflaged animals: chroma 10-18 units (of 255, brightness-normalised) from their habitat, the two animals
  // of a habitat on opposite sides of it; texture different. Every surface of a habitat is patterned along the
  // zero-sum direction orthogonal to that axis, so a background spot never looks like one of its animals.
  { name: 'crab', kind: 'target', habitat: 'sand', rgb: [221, 179, 109], texture: 0.0238, render: { amplitude: 40, cell: 2, pattern: [0.31, -1, 0.69] } },
  { name: 'mouse', kind: 'target', habitat: 'sand', rgb: [209, 195, 136], texture: 0.0072, render: { amplitude: 4, cell: 6, pattern: [0.31, -1, 0.69] } },
  { name: 'moth', kind: 'target', habitat: 'bark', rgb: [176, 123, 121], texture: 0.0095, render: { amplitude: 4, cell: 6, pattern: [0.07, -1, 0.93] } },
  { name: 'gecko', kind: 'target', habitat: 'bark', rgb: [179, 104, 100], texture: 0.0326, render: { amplitude: 40, cell: 2, pattern: [0.07, -1, 0.93] } },
  { name: 'frog', kind: 'target', habitat: 'moss', rgb: [129, 185, 111], texture: 0.0093, render: { amplitude: 4, cell: 6, pattern: [0.71, -1, 0.29] } },
  { name: 'mantis', kind: 'target', habitat: 'moss', rgb: [105, 171, 132], texture: 0.0097, render: { amplitude: 4, cell: 6, pattern: [0.71, -1, 0.29] } },
  { name: 'octopus', kind: 'target', habitat: 'seabed', rgb: [120, 128, 147], texture: 0.032, render: { amplitude: 40, cell: 2, pattern: [0, -1, 1] } },
  { name: 'fish', kind: 'target', habitat: 'seabed', rgb: [107, 149, 169], texture: 0.0092, render: { amplitude: 4, cell: 6, pattern: [0, -1, 1] } },
  // Salient, non-camouflaged animals: what a generic "camouflaged animal" prompt latches on to.
  { name: 'ladybird', kind: 'distractor', rgb: [255, 72, 72], texture: 0.0109, render: { amplitude: 4, cell: 6, pattern: [-0.5, 1, -0.5] } },
  { name: 'parrot', kind: 'distractor', rgb: [66, 134, 220], texture: 0.0101, render: { amplitude: 4, cell: 6, pattern: [1, -0.5, -0.5] } },
  { name: 'canary', kind: 'distractor', rgb: [247, 226, 51], texture: 0.0085, render: { amplitude: 4, cell: 6, pattern: [-0.5, -0.5, 1] } },
];

export const PROTOTYPE_INDEX: ReadonlyMap<string, number> = new Map(PROTOTYPES.map((spec, index) => [spec.name, index]));

export const TARGET_NAMES: readonly string[] = PROTOTYPES.filter((p) => p.kind === 'target').map((p) => p.name);
export const DISTRACTOR_NAMES: readonly string[] = PROTOTYPES.filter((p) => p.kind === 'distractor').map((p) => p.name);
export const BACKGROUND_NAMES: readonly string[] = PROTOTYPES.filter((p) => p.kind === 'background').map((p) => p.name);

/**
 * Word -> weight per prototype name. Every prototype name maps to itself with weight 1 (added below).
 * Generic words spread over all animals, the salient (prototypical) ones with weight 1 and the
 * camouflaged ones with GENERIC_CAMOUFLAGED_WEIGHT: a generic "animal" looks like a parrot more than
 * like a moth on bark. Modifiers the tiny towers do not know map to nothing.
 */
export const GENERIC_CAMOUFLAGED_WEIGHT = 0.5;
const ANY_ANIMAL: ReadonlyMap<string, number> = new Map([...DISTRACTOR_NAMES.map((n) => [n, 1] as const), ...TARGET_NAMES.map((n) => [n, GENERIC_CAMOUFLAGED_WEIGHT] as const)]);
const GENERIC_WORDS: Readonly<Record<string, ReadonlyMap<string, number>>> = {
  animal: ANY_ANIMAL,
  creature: ANY_ANIMAL,
  object: ANY_ANIMAL,
  camouflaged: new Map(),
  hidden: new Map(),
  concealed: new Map(),
};

/** The generic task prompts the synthetic benchmark uses (all reduce to "any animal"). */
export const GENERIC_TASK_PROMPTS: readonly string[] = ['camouflaged animal', 'hidden animal', 'camouflaged object'];

export const WORD_WEIGHTS: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map<string, ReadonlyMap<string, number>>([
  ...PROTOTYPES.map((p) => [p.name, new Map([[p.name, 1]])] as const),
  ...Object.entries(GENERIC_WORDS),
]);

// ---- Pixel features -------------------------------------------------------------------------
export const LUMINANCE_REFERENCE = 0.5;
export const LUMINANCE_FLOOR = 0.05;
export const TEXTURE_GAIN = 10;
/** A pixel whose chroma texture is well above every surface's is an edge between surfaces, not content (a distractor's outline is no rough animal). */
export const EDGE_TEXTURE = 0.055;
export const EDGE_SOFTNESS = 0.006;
export const VOID_LUMINANCE = 0.22;
export const VOID_SOFTNESS = 0.02;
export const ASSIGN_TEMPERATURE = 0.004;

// ---- CLIP (image/text towers, Scorer clip route) ---------------------------------------------
/** Multiplies cosine similarities before the vocabulary softmax of the CLIP-route Scorer. */
export const LOGIT_SCALE = 5;

// ---- Detector ---------------------------------------------------------------------------------
export const DETECT_PIXEL_THRESHOLD = 0.55;
export const DETECT_MIN_AREA_FRACTION = 0.004;
export const DETECT_BOX_THRESHOLD = 0.3;
export const DETECT_MAX_BOXES = 5;

// ---- PointPrompter ----------------------------------------------------------------------------
export const POINT_GRID = 28;
export const POINT_POSITIVE_LEVEL = 0.9;
export const POINT_MAX_POSITIVE = 8;

// ---- Segmenter --------------------------------------------------------------------------------
export const SEG_CENTRE_FRACTION = 0.4;
export const SEG_RING_FRACTION = 0.25;
export const SEG_SHARPNESS = 12;
/** The segmenter compares phi averaged over (2r+1)^2 windows (AvgPool, count_include_pad = 0). */
export const SEG_SMOOTH_RADIUS = 1;
/** fg / bg models are robust means: the mean, then this many re-weightings by exp(-|phi - model|^2 / SEG_ROBUST_SCALE). */
export const SEG_ROBUST_STEPS = 2;
export const SEG_ROBUST_SCALE = 0.004;
export const SEG_SEPARATION_FLOOR = 1e-4;
export const SEG_GROW_STEPS = 64;
export const SEG_STABILITY_OFFSET = 0.15;

// ---- Inpainter --------------------------------------------------------------------------------
/** Multiplies the filled texture; 1 / (mean |n - AvgPool5(n)| of a unit-variance pattern) so that the fill's texture matches tFill. */
export const INPAINT_TEXTURE_GAIN = 1.3;
/** Three 16 x 16 zero-mean, unit-variance patterns, one per channel (mulberry32, seed 20251124), channel-major then row-major; an ONNX graph holds them as a constant [3, 16, 16] and tiles it. */
export const INPAINT_NOISE: Float32Array = makeNoisePattern(3 * 16 * 16, 20251124);

function makeNoisePattern(length: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const values = Array.from({ length }, () => next() * 2 - 1);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return Float32Array.from(values, (v) => (v - mean) / std);
}

/** Returns the spec of a normalised name, or undefined when the world does not know it. */
export function nameSpec(name: string): NameSpec | undefined {
  const index = PROTOTYPE_INDEX.get(name);
  return index === undefined ? undefined : PROTOTYPES[index];
}
