/**
 * Tiny CLIP pair with the contract of Xenova/clip-vit-base-patch16's split export, behaving as the
 * world's CLIP stand-in (world.ts, "CLIP image embedding"):
 *   vision_model.onnx  pixel_values [batch, 3, height, width] (CLIP-normalised; the fixture's preprocessor
 *                      does not resize, so the graph sees the image at its own resolution)
 *                      -> image_embeds [batch, J + 1]: e_j = mean over pixels of a_j, e_J = mean over pixels of void
 *                      -> last_hidden_state [batch, 1 + G*G, J + 1]: token 0 = e, token 1 + cell = mean over the
 *                         cell of AvgPool5x5(a_j) (and of void in the last slot) on the POINT_GRID x POINT_GRID grid
 *                         (cell c spans [floor(c*W/G), floor((c+1)*W/G))), so the point prompter's per-cell
 *                         similarity is t . token / |t| (the stand-in's, exactly, for one-word names: |t| = max t = 1)
 *   text_model.onnx    input_ids [batch, sequence_length] -> text_embeds [batch, J + 1] = sum of word rows (void slot 0),
 *                      last_hidden_state [batch, sequence_length, J + 1]
 * J = number of world prototypes. Embeddings are unnormalised, as the real export's are.
 */
import { POINT_GRID } from '../../../src/core/synthetic/world';
import { GraphBuilder, type Value } from '../graph-builder';
import { PROTOTYPE_COUNT, assignment, avgPool5, phraseVector, pixelFeatures, unnormalise } from '../world-features';

export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073];
/** Prototypes plus the void slot. */
export const CLIP_EMBED_DIM = PROTOTYPE_COUNT + 1;
const EMBED_DIM = CLIP_EMBED_DIM;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711];

/**
 * [G, size] cell-averaging matrix built in the graph from a dynamic size: row c has 1/count on
 * [floor(c*size/G), floor((c+1)*size/G)).
 */
export function cellAveragingMatrix(g: GraphBuilder, size: Value, cells: number): Value {
  const sizeF = g.cast(size, 'float32');
  const positions = g.op1('Range', [g.scalar(0, 'zero'), sizeF, g.scalar(1, 'one')]);
  const index = g.floats(Array.from({ length: cells }, (_, c) => c), [cells, 1], 'cells');
  const start = g.op1('Floor', [g.div(g.mul(index, sizeF), g.scalar(cells, 'grid'))]);
  const end = g.op1('Floor', [g.div(g.mul(g.add(index, g.scalar(1, 'one')), sizeF), g.scalar(cells, 'grid'))]);
  const row = g.unsqueeze(positions, [0]);
  const member = g.cast(g.op1('And', [g.op1('GreaterOrEqual', [row, start]), g.op1('Less', [row, end])]), 'float32');
  const count = g.op1('Max', [g.reduceSum(member, [1], true), g.scalar(1, 'one')]);
  return g.div(member, count);
}

/** Dimension `axis` of x's shape as a rank-0 int64 value. */
export function dimension(g: GraphBuilder, x: Value, axis: number): Value {
  return g.op1('Gather', [g.op1('Shape', [x]), g.int64s([axis], [], 'axis')], { axis: 0 });
}

export function clipVisionModel(): Uint8Array {
  const g = new GraphBuilder('clip_vision_fixture');
  const pixels = g.input('pixel_values', 'float32', ['batch_size', 3, 'height', 'width']);
  const c = unnormalise(g, pixels, CLIP_MEAN, CLIP_STD);
  const features = pixelFeatures(g, c);
  const composition = g.concat([assignment(g, features), features.voidness], 1); // [B, J + 1, H, W]
  const embeds = g.reduceMean(composition, [2, 3], false);
  g.output(embeds, 'image_embeds', 'float32', ['batch_size', EMBED_DIM]);

  const smoothed = avgPool5(g, composition);
  const rows = cellAveragingMatrix(g, dimension(g, pixels, 2), POINT_GRID);
  const cols = g.transpose(cellAveragingMatrix(g, dimension(g, pixels, 3), POINT_GRID), [1, 0]);
  const cellMeans = g.matmul(g.matmul(rows, smoothed), cols);
  const tokens = g.transpose(g.reshape(cellMeans, [0, EMBED_DIM, POINT_GRID * POINT_GRID]), [0, 2, 1]);
  const hidden = g.concat([g.unsqueeze(embeds, [1]), tokens], 1);
  g.output(hidden, 'last_hidden_state', 'float32', ['batch_size', 1 + POINT_GRID * POINT_GRID, EMBED_DIM]);
  return g.toModelBytes('IntSeg test fixture: CLIP vision tower reproducing the synthetic world CLIP stand-in (src/core/synthetic/world.ts)');
}

export function clipTextModel(vocabulary: readonly string[]): Uint8Array {
  const g = new GraphBuilder('clip_text_fixture');
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const { vector, tokenRows } = phraseVector(g, ids, vocabulary, 1);
  g.output(vector, 'text_embeds', 'float32', ['batch_size', EMBED_DIM]);
  g.output(tokenRows, 'last_hidden_state', 'float32', ['batch_size', 'sequence_length', EMBED_DIM]);
  return g.toModelBytes('IntSeg test fixture: CLIP text tower, one WORD_WEIGHTS row per word (src/core/synthetic/world.ts)');
}
