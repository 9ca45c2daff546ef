/**
 * Tiny GroundingDINO with the contract of onnx-community/grounding-dino-tiny-ONNX (onnx/model.onnx):
 *   in:  pixel_values float32 [batch, 3, height, width] (ImageNet-normalised; the fixture's preprocessor does
 *        not resize), input_ids / token_type_ids / attention_mask int64 [batch, sequence_length],
 *        pixel_mask int64 [batch, height, width]
 *   out: logits float32 [batch, num_queries, 256] (per query and text position), pred_boxes float32
 *        [batch, num_queries, 4] (cx, cy, w, h normalised)
 * Behaviour: the world's detector stand-in (world.ts, "Detector"): sim = AvgPool5x5(sum_j t_j a_j / max t),
 * pixels with sim > DETECT_PIXEL_THRESHOLD, 4-connected components found by max-label propagation
 * (LABEL_ROUNDS rounds of run-wise maxima along rows and columns plus pointer jumping, see connectedComponents),
 * the first NUM_QUERIES component roots as queries, components under DETECT_MIN_AREA_FRACTION dropped,
 * box = component bounding box (exclusive ends), score = mean sim over the component. A query's score is
 * written as logit(score) at every phrase token the world knows (other positions and dropped queries: -20),
 * so GroundingDINO's post-processing (sigmoid, max over tokens, box threshold) gives back the score.
 * Differences from the stand-in: at most NUM_QUERIES components are considered (the ones whose root pixel
 * comes last in raster order); a component whose pixels need more than LABEL_ROUNDS turns to reach splits into parts.
 */
import { DETECT_MIN_AREA_FRACTION, DETECT_PIXEL_THRESHOLD } from '../../../src/core/synthetic/world';
import { GraphBuilder, type Value } from '../graph-builder';
import { assignment, phraseSimilarity, phraseVector, pixelFeatures, unnormalise } from '../world-features';
import { dimension } from './clip';

export const IMAGENET_MEAN = [0.485, 0.456, 0.406];
export const IMAGENET_STD = [0.229, 0.224, 0.225];
export const NUM_QUERIES = 32;
export const MAX_TEXT_LEN = 256;
export const LABEL_ROUNDS = 8;
export const RUN_LEVELS = 10;
const NEGATIVE_LOGIT = -20;
const INT64_MAX = 9_007_199_254_740_991; // largest safe integer; Slice clamps it to the dimension

/** x shifted by `distance` pixels along `axis` (2 = rows, 3 = columns) towards larger (+1) or smaller (-1) indices, zero-filled. */
export function shift(g: GraphBuilder, x: Value, axis: 2 | 3, direction: 1 | -1, distance = 1): Value {
  const pads = [0, 0, 0, 0, 0, 0, 0, 0];
  pads[direction === 1 ? axis : axis + 4] = distance;
  const padded = g.op1('Pad', [x, g.int64s(pads, [8], 'pads')], { mode: 'constant' });
  return direction === 1 ? g.slice(padded, [0], [-distance], [axis]) : g.slice(padded, [distance], [INT64_MAX], [axis]);
}

/**
 * Max-label connected components (4-connectivity) of a 0/1 map `fg` ([B, 1, H, W]); labels start as the
 * 1-based pixel index (`index`) and 0 off the foreground. Each round takes the maximum over every
 * horizontal run, then every vertical run (doubling steps: RUN_LEVELS shifts reach runs of 2^RUN_LEVELS
 * pixels), then jumps pointers (the pixel a label names is in the same component and carries a label
 * >= it). A component is exact once every pixel is reached by a path with at most ROUNDS turns.
 */
export function connectedComponents(g: GraphBuilder, fg: Value, index: Value, rounds: number): Value {
  const one = g.scalar(1, 'one');
  const zero = g.scalar(0, 'zero');
  // link[axis][k](x) = 1 when x .. x + 2^k along the axis are all foreground.
  const links = new Map<2 | 3, Value[]>();
  for (const axis of [2, 3] as const) {
    const levels: Value[] = [g.mul(fg, shift(g, fg, axis, -1))];
    for (let k = 1; k < RUN_LEVELS; k++) {
      const previous = levels[k - 1] as Value;
      levels.push(g.mul(previous, shift(g, previous, axis, -1, 2 ** (k - 1))));
    }
    links.set(axis, levels);
  }
  let labels = g.mul(fg, index);
  for (let round = 0; round < rounds; round++) {
    for (const axis of [3, 2] as const) {
      (links.get(axis) ?? []).forEach((link, k) => {
        const distance = 2 ** k;
        const fromAhead = g.mul(link, shift(g, labels, axis, -1, distance));
        const fromBehind = g.mul(shift(g, link, axis, 1, distance), shift(g, labels, axis, 1, distance));
        labels = g.op1('Max', [labels, fromAhead, fromBehind]);
      });
    }
    const flat = g.reshape(labels, [0, -1]);
    const pointer = g.cast(g.op1('Max', [g.sub(flat, one), zero]), 'int64');
    const jumped = g.op1('Reshape', [g.op1('GatherElements', [flat, pointer], { axis: 1 }), g.op1('Shape', [labels])]);
    labels = g.mul(fg, g.op1('Max', [labels, jumped]));
  }
  return labels;
}

export function groundingDinoModel(vocabulary: readonly string[]): Uint8Array {
  const g = new GraphBuilder('grounding_dino_fixture');
  const pixels = g.input('pixel_values', 'float32', ['batch_size', 3, 'height', 'width']);
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  g.input('token_type_ids', 'int64', ['batch_size', 'sequence_length']);
  const attention = g.input('attention_mask', 'int64', ['batch_size', 'sequence_length']);
  g.input('pixel_mask', 'int64', ['batch_size', 'height', 'width']);

  const c = unnormalise(g, pixels, IMAGENET_MEAN, IMAGENET_STD);
  const assign = assignment(g, pixelFeatures(g, c));
  const attended = g.unsqueeze(g.cast(attention, 'float32'), [2]);
  const { tokenRows } = phraseVector(g, ids, vocabulary);
  const maskedRows = g.mul(tokenRows, attended);
  const phrase = g.reduceSum(maskedRows, [1], false);
  const sim = phraseSimilarity(g, assign, phrase);
  const fg = g.cast(g.op1('Greater', [sim, g.scalar(DETECT_PIXEL_THRESHOLD, 'pixel_thr')]), 'float32');

  // Pixel coordinates and 1-based indices, from the dynamic height and width.
  const height = g.cast(dimension(g, pixels, 2), 'float32');
  const width = g.cast(dimension(g, pixels, 3), 'float32');
  const one = g.scalar(1, 'one');
  const zero = g.scalar(0, 'zero');
  const xs = g.op1('Range', [zero, width, one]);
  const ys = g.op1('Range', [zero, height, one]);
  const xGrid = g.add(g.unsqueeze(xs, [0]), g.mul(g.unsqueeze(ys, [1]), zero));
  const yGrid = g.add(g.unsqueeze(ys, [1]), g.mul(g.unsqueeze(xs, [0]), zero));
  const index = g.unsqueeze(g.add(g.add(g.mul(yGrid, width), xGrid), one), [0, 1]);

  const labels = connectedComponents(g, fg, index, LABEL_ROUNDS);
  const roots = g.mul(g.mul(fg, g.cast(g.op1('Equal', [labels, index]), 'float32')), index);
  const [rootLabels] = g.op('TopK', [g.reshape(roots, [0, -1]), g.int64s([NUM_QUERIES], [1], 'k')], { axis: 1, largest: 1, sorted: 1 }, 2);
  if (rootLabels === undefined) throw new Error('unreachable');
  const queryLabels = g.unsqueeze(rootLabels, [2]);
  const present = g.cast(g.op1('Greater', [queryLabels, zero]), 'float32');
  const member = g.mul(g.cast(g.op1('Equal', [g.reshape(labels, [0, 1, -1]), queryLabels]), 'float32'), present);

  const area = g.reduceSum(member, [2], false);
  const simFlat = g.reshape(sim, [0, 1, -1]);
  const score = g.div(g.reduceSum(g.mul(member, simFlat), [2], false), g.op1('Max', [area, one]));
  const far = g.scalar(1e9, 'far');
  const outside = g.sub(one, member);
  const xFlat = g.reshape(xGrid, [1, 1, -1]);
  const yFlat = g.reshape(yGrid, [1, 1, -1]);
  const x1 = g.reduceMin(g.add(g.mul(member, xFlat), g.mul(outside, far)), [2], false);
  const y1 = g.reduceMin(g.add(g.mul(member, yFlat), g.mul(outside, far)), [2], false);
  const x2 = g.reduceMax(g.mul(member, g.add(xFlat, one)), [2], false);
  const y2 = g.reduceMax(g.mul(member, g.add(yFlat, one)), [2], false);

  const minArea = g.mul(g.mul(height, width), g.scalar(DETECT_MIN_AREA_FRACTION, 'min_area'));
  const valid = g.op1('And', [g.op1('GreaterOrEqual', [area, minArea]), g.op1('Greater', [g.squeeze(queryLabels, [2]), zero])]);
  const validF = g.cast(valid, 'float32');
  const half = g.scalar(0.5, 'half');
  const boxes = g.concat(
    [
      g.unsqueeze(g.div(g.mul(g.add(x1, x2), half), width), [2]),
      g.unsqueeze(g.div(g.mul(g.add(y1, y2), half), height), [2]),
      g.unsqueeze(g.div(g.sub(x2, x1), width), [2]),
      g.unsqueeze(g.div(g.sub(y2, y1), height), [2]),
    ],
    2,
  );
  g.output(g.mul(boxes, g.unsqueeze(validF, [2])), 'pred_boxes', 'float32', ['batch_size', NUM_QUERIES, 4]);

  const clamped = g.op1('Clip', [score, g.scalar(1e-6, 'lo'), g.scalar(1 - 1e-6, 'hi')]);
  const logit = g.op1('Log', [g.div(clamped, g.sub(one, clamped))]);
  const negative = g.scalar(NEGATIVE_LOGIT, 'neg_logit');
  const queryLogit = g.op1('Where', [valid, logit, negative]);
  const known = g.op1('And', [g.op1('Greater', [g.reduceSum(tokenRows, [2], false), zero]), g.op1('Greater', [attention, g.int64s([0], [], 'zero_i')])]);
  const perToken = g.op1('Where', [g.unsqueeze(known, [1]), g.unsqueeze(queryLogit, [2]), negative]);
  const textLength = dimension(g, ids, 1);
  const padEnd = g.sub(g.int64s([MAX_TEXT_LEN], [], 'max_text'), textLength);
  const pads = g.concat([g.int64s([0, 0, 0, 0, 0], [5], 'pads'), g.unsqueeze(padEnd, [0])], 0);
  const logits = g.op1('Pad', [perToken, pads, negative], { mode: 'constant' });
  g.output(logits, 'logits', 'float32', ['batch_size', NUM_QUERIES, MAX_TEXT_LEN]);
  return g.toModelBytes('IntSeg test fixture: GroundingDINO-contract detector reproducing the synthetic world detector stand-in (src/core/synthetic/world.ts)');
}
