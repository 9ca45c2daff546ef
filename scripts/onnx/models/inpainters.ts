/**
 * Tiny inpainters with the contracts of LaMa (Carve/LaMa-ONNX lama_fp32.onnx) and MI-GAN
 * (migan_pipeline_v2.onnx), both computing the world's inpainter stand-in (world.ts, "Inpainter"):
 * pushPull(v, w): pull = 2x2 sum pooling of (w * v, w) (odd sizes: the last row/column pools alone),
 * value = sum / weight, weight clamped to <= 1 at every level; push, coarse to fine:
 * v_l = w_l * v_l + (1 - w_l) * bilinear_upsample(v_{l+1}) to level l's size, half-pixel centres. Then
 *   fill = pushPull(c, 1 - region); known = 1 where MaxPool9x9(region) = 0;
 *   tFill = pushPull(texture of the image, known); lumFill = mean_c(fill);
 *   out_k = clamp(fill_k + INPAINT_TEXTURE_GAIN * tFill * n_k * lumFill / LUMINANCE_REFERENCE, 0, 1) in the region,
 * with n_k the world's 16 x 16 noise pattern of channel k tiled over the image; known pixels unchanged.
 *
 * LaMa      image float32 [1, 3, 512, 512] in 0..1, mask float32 [1, 1, 512, 512] (1 = hole)
 *           -> output float32 [1, 3, 512, 512] in 0..1 (the '255' variant returns 0..255, as some exports do)
 * MI-GAN    image uint8 [batch, 3, height, width], mask uint8 [batch, 1, height, width] (255 keep, 0 hole)
 *           -> result uint8 [batch, 3, height, width]
 */
import { INPAINT_NOISE, INPAINT_TEXTURE_GAIN, LUMINANCE_REFERENCE, TEXTURE_GAIN } from '../../../src/core/synthetic/world';
import { GraphBuilder, type Value } from '../graph-builder';
import { pixelFeatures } from '../world-features';

export const LAMA_SIZE = 512;
/** Enough pull levels for sides up to 2^PULL_LEVELS pixels; past 1 x 1 a level repeats itself. */
export const PULL_LEVELS = 13;

/** Sum over 2x2 blocks; a trailing odd row/column is padded with zeros, so it pools alone. */
function sumPool2(g: GraphBuilder, x: Value): Value {
  const shape = g.op1('Shape', [x]);
  const hw = g.slice(shape, [2], [4], [0]);
  const odd = g.op1('Mod', [hw, g.int64s([2, 2], [2], 'two')]);
  const pads = g.concat([g.int64s([0, 0, 0, 0, 0, 0], [6], 'pads'), odd], 0);
  const padded = g.op1('Pad', [x, pads], { mode: 'constant' });
  const mean = g.op1('AveragePool', [padded], { kernel_shape: [2, 2], strides: [2, 2] });
  return g.mul(mean, g.scalar(4, 'four'));
}

/** Bilinear resize to `like`'s height and width with half-pixel centres (scale = coarse / fine, edges clamped). */
function upsampleTo(g: GraphBuilder, coarse: Value, like: Value): Value {
  const sizes = g.concat([g.slice(g.op1('Shape', [coarse]), [0], [2], [0]), g.slice(g.op1('Shape', [like]), [2], [4], [0])], 0);
  return g.op1('Resize', [coarse, null, null, sizes], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' });
}

/** Push-pull fill of colour `c` ([B, 3, H, W]) with known-weight `w` ([B, 1, H, W], 1 = known). */
export function pushPull(g: GraphBuilder, c: Value, w: Value): Value {
  const one = g.scalar(1, 'one');
  const zero = g.scalar(0, 'zero');
  const colours: Value[] = [c];
  const weights: Value[] = [w];
  let premultiplied = g.mul(c, w);
  let weight = w;
  for (let level = 1; level <= PULL_LEVELS; level++) {
    const sum = sumPool2(g, premultiplied);
    const total = sumPool2(g, weight);
    const colour = g.op1('Where', [g.op1('Greater', [total, zero]), g.div(sum, g.op1('Max', [total, g.scalar(1e-12, 'tiny')])), zero]);
    weight = g.op1('Min', [total, one]);
    premultiplied = g.mul(colour, weight);
    colours.push(colour);
    weights.push(weight);
  }
  let result = colours[PULL_LEVELS] as Value;
  for (let level = PULL_LEVELS - 1; level >= 0; level--) {
    const known = weights[level] as Value;
    result = g.add(g.mul(known, colours[level] as Value), g.mul(g.sub(one, known), upsampleTo(g, result, known)));
  }
  return result;
}

const NOISE_SIDE = 16;

/** The noise pattern [1, 3, 16, 16] tiled to `like`'s height and width. */
function tiledNoise(g: GraphBuilder, like: Value): Value {
  const noise = g.floats(INPAINT_NOISE, [1, 3, NOISE_SIDE, NOISE_SIDE], 'inpaint_noise');
  const hw = g.slice(g.op1('Shape', [like]), [2], [4], [0]);
  const tiles = g.div(g.add(hw, g.int64s([NOISE_SIDE - 1, NOISE_SIDE - 1], [2], 'round_up')), g.int64s([NOISE_SIDE, NOISE_SIDE], [2], 'side'));
  const tiled = g.op1('Tile', [noise, g.concat([g.int64s([1, 1], [2], 'ones'), tiles], 0)]);
  return g.op1('Slice', [tiled, g.int64s([0, 0], [2], 'starts'), hw, g.int64s([2, 3], [2], 'axes')]);
}

/**
 * The stand-in's texture fill of c ([B, 3, H, W] in 0..1) where `hole` ([B, 1, H, W]) is 1; known pixels
 * keep their value. Returns values in 0..1.
 */
export function textureFill(g: GraphBuilder, c: Value, hole: Value): Value {
  const one = g.scalar(1, 'one');
  const zero = g.scalar(0, 'zero');
  const fill = pushPull(g, c, g.sub(one, hole));
  const nearHole = g.op1('MaxPool', [hole], { kernel_shape: [9, 9], strides: [1, 1], pads: [4, 4, 4, 4] });
  const known = g.cast(g.op1('Equal', [nearHole, zero]), 'float32');
  const texture = g.div(g.slice(pixelFeatures(g, c).phi, [3], [4], [1]), g.scalar(TEXTURE_GAIN, 'texture_gain'));
  const textureFilled = pushPull(g, texture, known);
  const lumFill = g.reduceMean(fill, [1], true);
  const strength = g.div(g.mul(g.mul(textureFilled, lumFill), g.scalar(INPAINT_TEXTURE_GAIN, 'inpaint_gain')), g.scalar(LUMINANCE_REFERENCE, 'lum_ref'));
  const textured = g.op1('Clip', [g.add(fill, g.mul(strength, tiledNoise(g, c))), zero, one]);
  return g.op1('Where', [g.op1('Greater', [hole, g.scalar(0.5, 'half')]), textured, c]);
}

export function lamaModel(outputScale: 1 | 255): Uint8Array {
  const g = new GraphBuilder(outputScale === 1 ? 'lama_fixture' : 'lama_255_fixture');
  const image = g.input('image', 'float32', [1, 3, LAMA_SIZE, LAMA_SIZE]);
  const mask = g.input('mask', 'float32', [1, 1, LAMA_SIZE, LAMA_SIZE]);
  const hole = g.cast(g.op1('Greater', [mask, g.scalar(0.5, 'half')]), 'float32');
  const filled = textureFill(g, image, hole);
  const output = outputScale === 1 ? filled : g.mul(filled, g.scalar(255, 'byte'));
  g.output(output, 'output', 'float32', [1, 3, LAMA_SIZE, LAMA_SIZE]);
  return g.toModelBytes(`IntSeg test fixture: LaMa-contract push-pull inpainter (world inpainter stand-in), output in 0..${outputScale}`);
}

export function miganModel(): Uint8Array {
  const g = new GraphBuilder('migan_fixture');
  const image = g.input('image', 'uint8', ['batch', 3, 'height', 'width']);
  const mask = g.input('mask', 'uint8', ['batch', 1, 'height', 'width']);
  const byte = g.scalar(255, 'byte');
  const c = g.div(g.cast(image, 'float32'), byte);
  const hole = g.cast(g.op1('Less', [g.cast(mask, 'float32'), g.scalar(127.5, 'mid')]), 'float32');
  const filled = textureFill(g, c, hole);
  const bytes = g.op1('Clip', [g.op1('Round', [g.mul(filled, byte)]), g.scalar(0, 'zero'), byte]);
  g.output(g.cast(bytes, 'uint8'), 'result', 'uint8', ['batch', 3, 'height', 'width']);
  return g.toModelBytes('IntSeg test fixture: MI-GAN-contract push-pull inpainter (world inpainter stand-in)');
}
