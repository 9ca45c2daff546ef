/**
 * The synthetic world's pixel features as ONNX subgraphs, with every constant taken from
 * src/core/synthetic/world.ts (see its header for the formulas). Shared by the CLIP, detector and
 * segmenter fixtures, so each reproduces the corresponding pure-TS stand-in:
 *   cs = AvgPool3x3(c) (count_include_pad 0); lum = mean_c(cs); chroma = cs * REF / max(lum, FLOOR)
 *   void = sigmoid((VOID_LUMINANCE - lum) / VOID_SOFTNESS); w = 1 - void
 *   chromaRaw = c * REF / max(lumRaw, FLOOR); m = AvgPool5x5(w chromaRaw) / max(AvgPool5x5(w), 1e-6)
 *   texture = AvgPool5x5(w mean_k |chromaRaw_k - m_k|) / max(AvgPool5x5(w), 1e-6)
 *   phi = [chroma, TEXTURE_GAIN * texture]; edge = sigmoid((texture - EDGE_TEXTURE) / EDGE_SOFTNESS)
 *   a_j = w (1 - edge) softmax_j(-|phi - proto_j|^2 / ASSIGN_TEMPERATURE)
 * The word table maps each tokenizer word to its WORD_WEIGHTS row (zeros for unknown words and specials).
 */
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
} from '../../src/core/synthetic/world';
import { FEATURE_CHANNELS, PROTOTYPE_COUNT } from '../../src/core/synthetic/features';
import type { GraphBuilder, Value } from './graph-builder';

// One definition of the feature sizes: the stand-ins' (this file reproduces their formulas as graphs).
export { FEATURE_CHANNELS, PROTOTYPE_COUNT };

/** prototypeFeature(j): chroma of the base colour (the pixel formula on one pixel) and TEXTURE_GAIN * texture. */
export function prototypeFeatureTable(): number[][] {
  return PROTOTYPES.map((spec) => {
    const c = spec.rgb.map((v) => v / 255);
    const lum = ((c[0] ?? 0) + (c[1] ?? 0) + (c[2] ?? 0)) / 3;
    const scale = LUMINANCE_REFERENCE / Math.max(lum, LUMINANCE_FLOOR);
    return [(c[0] ?? 0) * scale, (c[1] ?? 0) * scale, (c[2] ?? 0) * scale, TEXTURE_GAIN * spec.texture];
  });
}

/**
 * Row per vocabulary entry: WORD_WEIGHTS of the word, zeros for words the world does not know;
 * `extraColumns` zero columns appended (the CLIP text tower's void slot).
 */
export function wordWeightTable(vocabulary: readonly string[], extraColumns = 0): number[] {
  const table: number[] = [];
  for (const word of vocabulary) {
    const row = new Array<number>(PROTOTYPE_COUNT + extraColumns).fill(0);
    const weights = WORD_WEIGHTS.get(word);
    if (weights !== undefined) {
      for (const [name, weight] of weights) {
        const index = PROTOTYPE_INDEX.get(name);
        if (index !== undefined) row[index] = weight;
      }
    }
    table.push(...row);
  }
  return table;
}

function avgPool(g: GraphBuilder, x: Value, size: number): Value {
  const pad = (size - 1) / 2;
  return g.op1('AveragePool', [x], { kernel_shape: [size, size], strides: [1, 1], pads: [pad, pad, pad, pad], count_include_pad: 0 });
}

export function avgPool3(g: GraphBuilder, x: Value): Value {
  return avgPool(g, x, 3);
}
export function avgPool5(g: GraphBuilder, x: Value): Value {
  return avgPool(g, x, 5);
}

/** Undoes a processor's (x - mean) / std normalisation: returns c in 0..1, [B, 3, H, W]. */
export function unnormalise(g: GraphBuilder, pixels: Value, mean: readonly number[], std: readonly number[]): Value {
  return g.add(g.mul(pixels, g.floats(std, [1, 3, 1, 1], 'std')), g.floats(mean, [1, 3, 1, 1], 'mean'));
}

export interface PixelFeatures {
  /** [B, 4, H, W] */
  readonly phi: Value;
  /** [B, 1, H, W] */
  readonly voidness: Value;
  /** [B, 1, H, W]: w = 1 - void */
  readonly content: Value;
  /** [B, 1, H, W]: the texture statistic before TEXTURE_GAIN */
  readonly texture: Value;
}

/** phi and void of an image c in 0..1 ([B, 3, H, W]), as world.ts defines them. */
export function pixelFeatures(g: GraphBuilder, c: Value): PixelFeatures {
  const floor = g.scalar(LUMINANCE_FLOOR, 'lum_floor');
  const reference = g.scalar(LUMINANCE_REFERENCE, 'lum_ref');
  const eps = g.scalar(1e-6, 'eps');
  const cs = avgPool3(g, c);
  const lum = g.reduceMean(cs, [1], true);
  const chroma = g.div(g.mul(cs, reference), g.op1('Max', [lum, floor]));
  const voidness = g.op1('Sigmoid', [g.div(g.sub(g.scalar(VOID_LUMINANCE, 'void_lum'), lum), g.scalar(VOID_SOFTNESS, 'void_soft'))]);
  const content = g.sub(g.scalar(1, 'one'), voidness);
  // Texture: local chroma variation among the non-void pixels (unsmoothed chroma, void-weighted windows).
  const lumRaw = g.reduceMean(c, [1], true);
  const chromaRaw = g.div(g.mul(c, reference), g.op1('Max', [lumRaw, floor]));
  const weight = g.op1('Max', [avgPool5(g, content), eps]);
  const localMean = g.div(avgPool5(g, g.mul(content, chromaRaw)), weight);
  const deviation = g.mul(content, g.reduceMean(g.op1('Abs', [g.sub(chromaRaw, localMean)]), [1], true));
  const texture = g.div(avgPool5(g, deviation), weight);
  const phi = g.concat([chroma, g.mul(texture, g.scalar(TEXTURE_GAIN, 'texture_gain'))], 1);
  return { phi, voidness, content, texture };
}

/** Soft assignment a_j = (1 - void) (1 - edge) softmax_j(-d_j / T), edge = sigmoid((texture - EDGE_TEXTURE) / EDGE_SOFTNESS): [B, J, H, W]. */
export function assignment(g: GraphBuilder, features: PixelFeatures): Value {
  const prototypes = prototypeFeatureTable();
  const weights = prototypes.flatMap((p) => p.map((v) => -2 * v));
  const bias = prototypes.map((p) => p.reduce((s, v) => s + v * v, 0));
  const cross = g.op1('Conv', [features.phi, g.floats(weights, [PROTOTYPE_COUNT, FEATURE_CHANNELS, 1, 1], 'proto_w'), g.floats(bias, [PROTOTYPE_COUNT], 'proto_b')]);
  const squared = g.reduceSum(g.mul(features.phi, features.phi), [1], true);
  const distance = g.add(cross, squared);
  const soft = g.op1('Softmax', [g.mul(distance, g.scalar(-1 / ASSIGN_TEMPERATURE, 'neg_inv_temp'))], { axis: 1 });
  const notEdge = g.op1('Sigmoid', [g.div(g.sub(g.scalar(EDGE_TEXTURE, 'edge_texture'), features.texture), g.scalar(EDGE_SOFTNESS, 'edge_soft'))]);
  return g.mul(soft, g.mul(features.content, notEdge));
}

/** Phrase vector from token ids: sum over tokens of the word table rows, [B, J + extra] (pad/special rows are zero). */
export function phraseVector(g: GraphBuilder, inputIds: Value, vocabulary: readonly string[], extraColumns = 0): { vector: Value; tokenRows: Value } {
  const table = g.floats(wordWeightTable(vocabulary, extraColumns), [vocabulary.length, PROTOTYPE_COUNT + extraColumns], 'word_table');
  const tokenRows = g.op1('Gather', [table, inputIds], { axis: 0 });
  return { vector: g.reduceSum(tokenRows, [1], false), tokenRows };
}

/**
 * The detector / point-prompter similarity: sim = AvgPool5x5(sum_j (t_j / max_j t_j) a_j), [B, 1, H, W].
 * A phrase the world does not know (max t = 0) gives sim = 0.
 */
export function phraseSimilarity(g: GraphBuilder, assign: Value, phrase: Value): Value {
  const tmax = g.reduceMax(phrase, [1], true);
  const weights = g.div(phrase, g.op1('Max', [tmax, g.scalar(1e-12, 'tiny')]));
  const weighted = g.reduceSum(g.mul(assign, g.unsqueeze(weights, [2, 3])), [1], true);
  return avgPool5(g, weighted);
}
