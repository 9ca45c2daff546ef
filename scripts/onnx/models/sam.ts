/**
 * Tiny SAM (Xenova/slimsam-77-uniform layout) and SAM 2.1 (onnx-community/sam2.1-hiera-tiny-ONNX layout)
 * encoders and decoders, behaving as the world's segmenter stand-in (world.ts, "Segmenter").
 * - SAM keeps the real fixed shapes (1024 x 1024 frame after the processor's resize and pad, 64 x 64
 *   embeddings, 256 x 256 masks): the stand-in's formulas run on the 256 grid of the frame (phi and void after
 *   a 4x4 average), so it is close to the stand-in, not equal (texture is measured at another scale).
 * - SAM 2.1's fixture processor does not resize, so its graphs run at the image's own resolution (symbolic
 *   height and width, like the CLIP and detector fixtures) and reproduce the stand-in exactly.
 *
 * SAM (vision_encoder.onnx / prompt_encoder_mask_decoder.onnx):
 *   encoder  pixel_values float32 [batch, 3, 1024, 1024] -> image_embeddings float32 [batch, 256, 64, 64]
 *            (phi and void, 5 x 256 x 256, packed by SpaceToDepth(4) into channels 0..79),
 *            image_positional_embeddings float32 [batch, 256, 64, 64] (zeros)
 *   decoder  image_embeddings, image_positional_embeddings, input_points float32 [batch, point_batch, points, 2]
 *            (1024 frame), input_labels int64 [batch, point_batch, points] (1 fg, 0 bg, -1 / -10 ignored)
 *            -> pred_masks float32 [batch, point_batch, 3, 256, 256] (logits), iou_scores float32 [batch, point_batch, 3]
 *            No box input, as in the Xenova export: the box is the whole frame.
 * SAM 2.1 (vision_encoder.onnx / prompt_encoder_mask_decoder.onnx), real export: 1024 input, 256 masks; fixture:
 *   encoder  pixel_values [batch, 3, H, W] -> image_embeddings.0 [batch, 32, H, W] (phi, void in channels 0..4),
 *            image_embeddings.1 [batch, 64, H/2, W/2], image_embeddings.2 [batch, 256, H/4, W/4]
 *   decoder  image_embeddings.0/.1/.2, input_points [batch, objects, points, 2], input_labels [batch, objects, points],
 *            input_boxes float32 [batch, boxes, 4] (x1, y1, x2, y2 in pixels; may hold 0 boxes; the first box
 *            applies) -> pred_masks [batch, objects, 3, H, W], iou_scores [batch, objects, 3],
 *            object_score_logits [batch, objects, 1]
 * Decoder behaviour (both), on phi smoothed over SEG_SMOOTH_RADIUS: fg model = mean phi over the 3x3 windows at
 * the positive points, else over the central SEG_CENTRE_FRACTION of the box; bg model = mean of (mean at negative
 * points) and (mean over the ring of SEG_RING_FRACTION of the box size outside it), whichever exist, else the
 * frame mean; every mean weighted by 1 - void and made robust by SEG_ROBUST_STEPS re-weightings, as the stand-in's;
 * p = (1 - void) sigmoid(SEG_SHARPNESS (|phi-bg|^2 - |phi-fg|^2) / (|fg-bg|^2 + SEG_SEPARATION_FLOOR)) inside the box;
 * masks (a) p geodesically connected to the seeds (SEG_GROW_STEPS 3x3 dilations inside p > 0.5), (b) p,
 * (c) AvgPool5x5(p) inside the box; iou_scores = stability #(m > 0.5 + off) / #(m > 0.5 - off). Masks are
 * returned as logits of m (clipped to [1e-6, 1 - 1e-6]) in the order a, b, c (the adapter sorts by score).
 */
import { SEG_CENTRE_FRACTION, SEG_GROW_STEPS, SEG_RING_FRACTION, SEG_ROBUST_SCALE, SEG_ROBUST_STEPS, SEG_SEPARATION_FLOOR, SEG_SHARPNESS, SEG_SMOOTH_RADIUS, SEG_STABILITY_OFFSET } from '../../../src/core/synthetic/world';
import { GraphBuilder, type Value } from '../graph-builder';
import { FEATURE_CHANNELS, avgPool5, pixelFeatures, unnormalise } from '../world-features';
import { IMAGENET_MEAN, IMAGENET_STD } from './grounding-dino';
import { dimension } from './clip';

export const FRAME = 1024;
export const FEATURE_SIDE = 256;
const CELL = FRAME / FEATURE_SIDE;
/** phi (4) + void (1) */
const PACKED = FEATURE_CHANNELS + 1;

/** phi and void on the feature grid, concatenated: [B, 5, 256, 256]. */
function encodeFeatures(g: GraphBuilder, pixels: Value): Value {
  const c = unnormalise(g, pixels, IMAGENET_MEAN, IMAGENET_STD);
  const small = g.op1('AveragePool', [c], { kernel_shape: [CELL, CELL], strides: [CELL, CELL] });
  const features = pixelFeatures(g, small);
  return g.concat([features.phi, features.voidness], 1);
}

function padChannels(g: GraphBuilder, x: Value, from: number, to: number): Value {
  return g.op1('Pad', [x, g.int64s([0, 0, 0, 0, 0, to - from, 0, 0], [8], 'pads')], { mode: 'constant' });
}

export function samEncoderModel(): Uint8Array {
  const g = new GraphBuilder('sam_encoder_fixture');
  const pixels = g.input('pixel_values', 'float32', ['batch_size', 3, FRAME, FRAME]);
  const packed = g.op1('SpaceToDepth', [encodeFeatures(g, pixels)], { blocksize: CELL });
  const embeddings = padChannels(g, packed, PACKED * CELL * CELL, 256);
  g.output(embeddings, 'image_embeddings', 'float32', ['batch_size', 256, 64, 64]);
  g.output(g.mul(embeddings, g.scalar(0, 'zero')), 'image_positional_embeddings', 'float32', ['batch_size', 256, 64, 64]);
  return g.toModelBytes('IntSeg test fixture: SAM-contract image encoder (world phi and void on a 256 grid)');
}

export function sam2EncoderModel(): Uint8Array {
  const g = new GraphBuilder('sam2_encoder_fixture');
  const pixels = g.input('pixel_values', 'float32', ['batch_size', 3, 'height', 'width']);
  const c = unnormalise(g, pixels, IMAGENET_MEAN, IMAGENET_STD);
  const pixel = pixelFeatures(g, c);
  const features = g.concat([pixel.phi, pixel.voidness], 1);
  g.output(padChannels(g, features, PACKED, 32), 'image_embeddings.0', 'float32', ['batch_size', 32, 'height', 'width']);
  const half = g.op1('AveragePool', [features], { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 });
  g.output(padChannels(g, half, PACKED, 64), 'image_embeddings.1', 'float32', ['batch_size', 64, 'height_2', 'width_2']);
  const quarter = g.op1('AveragePool', [features], { kernel_shape: [4, 4], strides: [4, 4], ceil_mode: 1 });
  g.output(padChannels(g, quarter, PACKED, 256), 'image_embeddings.2', 'float32', ['batch_size', 256, 'height_4', 'width_4']);
  return g.toModelBytes('IntSeg test fixture: SAM 2.1-contract image encoder (world phi and void on a 256 grid)');
}

interface DecoderOutputs {
  readonly masks: Value;
  readonly scores: Value;
  readonly presence: Value;
}

/** 0/1 float of a boolean. */
function f(g: GraphBuilder, x: Value): Value {
  return g.cast(x, 'float32');
}

/**
 * The stand-in's segmentation on a feature grid of any size. `features` [B, 5, H, W] (phi, void); points
 * [B, O, N, 2] and box [B, 1, 4] in prompt units, where grid cell i sits at coordinate i * cell (cell = 1:
 * the grid is the image; cell = 4: the 256 grid of SAM's 1024 frame). Region rules follow the stand-in
 * (segmenter.ts): box [x1, x2) by coordinate, central box floor/ceil, ring max(2, round(0.25 size)) clipped.
 */
function decode(g: GraphBuilder, features: Value, points: Value, labels: Value, box: Value, cell: number): DecoderOutputs {
  const zero = g.scalar(0, 'zero');
  const one = g.scalar(1, 'one');
  const half = g.scalar(0.5, 'half');
  const cellSize = g.scalar(cell, 'cell');
  const rawPhi = g.slice(features, [0], [FEATURE_CHANNELS], [1]);
  // The stand-in segments on phi smoothed over SEG_SMOOTH_RADIUS windows (edge windows average real cells).
  const smoothSize = 2 * SEG_SMOOTH_RADIUS + 1;
  const phi = g.op1('AveragePool', [rawPhi], { kernel_shape: [smoothSize, smoothSize], strides: [1, 1], pads: [SEG_SMOOTH_RADIUS, SEG_SMOOTH_RADIUS, SEG_SMOOTH_RADIUS, SEG_SMOOTH_RADIUS], count_include_pad: 0 });
  const voidness = g.slice(features, [FEATURE_CHANNELS], [PACKED], [1]);
  const heightI = dimension(g, features, 2);
  const widthI = dimension(g, features, 3);
  const height = g.cast(heightI, 'float32');
  const width = g.cast(widthI, 'float32');
  const flat = (x: Value, channels: number): Value => g.reshape(x, [0, channels, -1]);
  const phiFlat = flat(phi, FEATURE_CHANNELS); // [B, 4, P]
  const phiT = g.transpose(phiFlat, [0, 2, 1]); // [B, P, 4]
  const phiSquared = g.reduceSum(g.mul(phiFlat, phiFlat), [1], true); // [B, 1, P]
  const content = g.sub(one, voidness); // [B, 1, H, W]
  const contentFlat = flat(content, 1); // [B, 1, P]
  const planeShape = g.concat([g.int64s([-1, 1], [2], 'plane_lead'), g.unsqueeze(heightI, [0]), g.unsqueeze(widthI, [0])], 0);
  const planes = (x: Value): Value => g.op1('Reshape', [x, planeShape]);

  // Cell coordinates (prompt units) and flat indices.
  const columns = g.op1('Range', [zero, width, one]);
  const rows = g.op1('Range', [zero, height, one]);
  const xGrid = g.add(g.unsqueeze(columns, [0]), g.mul(g.unsqueeze(rows, [1]), zero));
  const yGrid = g.add(g.unsqueeze(rows, [1]), g.mul(g.unsqueeze(columns, [0]), zero));
  const xCoord = g.mul(g.reshape(xGrid, [1, 1, -1]), cellSize);
  const yCoord = g.mul(g.reshape(yGrid, [1, 1, -1]), cellSize);
  const cellIndex = g.reshape(g.add(g.mul(yGrid, width), xGrid), [1, 1, 1, -1]);

  // Prompt points -> one-hot cells [B, O, N, P], weighted by label.
  const px = g.squeeze(g.slice(points, [0], [1], [3]), [3]);
  const py = g.squeeze(g.slice(points, [1], [2], [3]), [3]);
  const toCell = (v: Value, size: Value): Value => g.op1('Min', [g.op1('Max', [g.op1('Floor', [g.div(v, cellSize)]), zero]), g.sub(size, one)]);
  const pointCell = g.add(g.mul(toCell(py, height), width), toCell(px, width)); // [B, O, N]
  const oneHot = f(g, g.op1('Equal', [g.unsqueeze(pointCell, [3]), cellIndex])); // [B, O, N, P]
  const positive = f(g, g.op1('Equal', [labels, g.int64s([1], [], 'label_fg')])); // [B, O, N]
  const negative = f(g, g.op1('Equal', [labels, g.int64s([0], [], 'label_bg')]));
  const positiveCells = g.reduceSum(g.mul(oneHot, g.unsqueeze(positive, [3])), [2], false); // [B, O, P]
  const negativeCells = g.reduceSum(g.mul(oneHot, g.unsqueeze(negative, [3])), [2], false);
  // The 3x3 windows around the points (clipped at the edges), with multiplicity where windows overlap.
  const windows = (cells: Value): Value =>
    g.op1('Reshape', [g.mul(g.op1('AveragePool', [planes(cells)], { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], count_include_pad: 1 }), g.scalar(9, 'nine')), g.op1('Shape', [cells])]);
  const positiveCount = g.reduceSum(positive, [2], true); // [B, O, 1]
  const negativeCount = g.reduceSum(negative, [2], true);

  // Regions [B, 1, P].
  const coord = (k: number): Value => g.slice(box, [k], [k + 1], [2]); // [B, 1, 1]
  const [x1, y1, x2, y2] = [coord(0), coord(1), coord(2), coord(3)];
  const within = (ax: Value, ay: Value, bx: Value, by: Value): Value =>
    g.op1('And', [
      g.op1('And', [g.op1('GreaterOrEqual', [xCoord, ax]), g.op1('Less', [xCoord, bx])]),
      g.op1('And', [g.op1('GreaterOrEqual', [yCoord, ay]), g.op1('Less', [yCoord, by])]),
    ]);
  const inBox = f(g, within(x1, y1, x2, y2));
  const centre = (a: Value, b: Value): [Value, Value] => {
    const middle = g.mul(g.add(a, b), half);
    const reach = g.op1('Max', [g.mul(g.sub(b, a), g.scalar(SEG_CENTRE_FRACTION / 2, 'centre_half')), half]);
    const low = g.op1('Floor', [g.sub(middle, reach)]);
    return [low, g.op1('Max', [g.add(low, one), g.op1('Ceil', [g.add(middle, reach)])])];
  };
  const [cx1, cx2] = centre(x1, x2);
  const [cy1, cy2] = centre(y1, y2);
  const central = f(g, within(cx1, cy1, cx2, cy2));
  const margin = (a: Value, b: Value): Value => g.op1('Max', [g.op1('Floor', [g.add(g.mul(g.sub(b, a), g.scalar(SEG_RING_FRACTION, 'ring')), half)]), g.scalar(2, 'two')]);
  const mx = margin(x1, x2);
  const my = margin(y1, y2);
  const extentX = g.mul(width, cellSize);
  const extentY = g.mul(height, cellSize);
  const outer = within(g.op1('Max', [g.sub(x1, mx), zero]), g.op1('Max', [g.sub(y1, my), zero]), g.op1('Min', [g.add(x2, mx), extentX]), g.op1('Min', [g.add(y2, my), extentY]));
  const ring = g.mul(f(g, outer), g.sub(one, inBox));

  // Robust, content-weighted region means of phi ([B, K, 4]) over region weights [B, K, P]: the plain mean, then
  // SEG_ROBUST_STEPS re-weightings by exp(-|phi - mean|^2 / SEG_ROBUST_SCALE); a step with no weight keeps the mean.
  const tiny = g.scalar(1e-12, 'tiny');
  const robustMean = (region: Value): { mean: Value; count: Value } => {
    const base = g.mul(region, contentFlat);
    const total = g.reduceSum(base, [2], true);
    const valid = g.op1('Greater', [total, zero]);
    let mean = g.op1('Where', [valid, g.div(g.matmul(base, phiT), g.op1('Max', [total, tiny])), zero]);
    for (let step = 0; step < SEG_ROBUST_STEPS; step++) {
      const distance = g.add(g.sub(phiSquared, g.mul(g.scalar(2, 'two'), g.matmul(mean, phiFlat))), g.reduceSum(g.mul(mean, mean), [2], true));
      const weights = g.mul(base, g.op1('Exp', [g.div(distance, g.scalar(-SEG_ROBUST_SCALE, 'neg_robust_scale'))]));
      const weight = g.reduceSum(weights, [2], true);
      const ok = g.op1('And', [valid, g.op1('Greater', [weight, zero])]);
      mean = g.op1('Where', [ok, g.div(g.matmul(weights, phiT), g.op1('Max', [weight, tiny])), mean]);
    }
    return { mean, count: g.reduceSum(region, [2], true) };
  };
  const atPositives = robustMean(windows(positiveCells));
  const atNegatives = robustMean(windows(negativeCells));
  const inCentre = robustMean(central);
  const inRing = robustMean(ring);
  const frameMean = robustMean(g.add(g.mul(inBox, zero), one)).mean; // [B, 1, 4]

  const hasPositive = f(g, g.op1('Greater', [positiveCount, zero]));
  const hasNegative = f(g, g.op1('Greater', [negativeCount, zero]));
  const hasRing = f(g, g.op1('Greater', [inRing.count, zero]));
  const fgModel = g.add(g.mul(hasPositive, atPositives.mean), g.mul(g.sub(one, hasPositive), inCentre.mean));
  const bgSources = g.add(hasNegative, hasRing);
  const bgSum = g.add(g.mul(hasNegative, atNegatives.mean), g.mul(hasRing, inRing.mean));
  const hasBg = f(g, g.op1('Greater', [bgSources, zero]));
  const bgModel = g.add(g.mul(hasBg, g.div(bgSum, g.op1('Max', [bgSources, one]))), g.mul(g.sub(one, hasBg), frameMean));

  // p = content * sigmoid(k (|phi-bg|^2 - |phi-fg|^2) / (|fg-bg|^2 + floor)) inside the box: [B, O, P].
  const squaredDistance = (model: Value): Value =>
    g.add(g.sub(phiSquared, g.mul(g.scalar(2, 'two'), g.matmul(model, phiFlat))), g.reduceSum(g.mul(model, model), [2], true));
  const separation = g.add(g.reduceSum(g.mul(g.sub(fgModel, bgModel), g.sub(fgModel, bgModel)), [2], true), g.scalar(SEG_SEPARATION_FLOOR, 'sep_floor'));
  const margin2 = g.div(g.mul(g.sub(squaredDistance(bgModel), squaredDistance(fgModel)), g.scalar(SEG_SHARPNESS, 'sharpness')), separation);
  const probability = g.mul(g.mul(g.op1('Sigmoid', [margin2]), contentFlat), inBox);

  // (a) grown from the seeds (positive points, else the central box) inside p > 0.5, 8-neighbour steps.
  const allowed = planes(f(g, g.op1('Greater', [probability, half])));
  const seeds = g.add(g.mul(hasPositive, f(g, g.op1('Greater', [positiveCells, zero]))), g.mul(g.sub(one, hasPositive), central));
  let grown = g.mul(planes(seeds), allowed);
  for (let step = 0; step < SEG_GROW_STEPS; step++) {
    grown = g.mul(g.op1('MaxPool', [grown], { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] }), allowed);
  }
  const shapeOfP = g.op1('Shape', [probability]);
  const maskA = g.mul(probability, g.op1('Reshape', [grown, shapeOfP]));
  const maskC = g.mul(g.op1('Reshape', [avgPool5(g, planes(probability)), shapeOfP]), inBox);
  const masks = g.concat([g.unsqueeze(maskA, [2]), g.unsqueeze(probability, [2]), g.unsqueeze(maskC, [2])], 2); // [B, O, 3, P]

  const above = (level: number): Value => g.reduceSum(f(g, g.op1('Greater', [masks, g.scalar(level, 'level')])), [3], false);
  const strict = above(0.5 + SEG_STABILITY_OFFSET);
  const loose = above(0.5 - SEG_STABILITY_OFFSET);
  const scores = g.op1('Where', [g.op1('Greater', [loose, zero]), g.div(strict, g.op1('Max', [loose, one])), zero]);

  const clipped = g.op1('Clip', [masks, g.scalar(1e-6, 'lo'), g.scalar(1 - 1e-6, 'hi')]);
  const logits = g.op1('Log', [g.div(clipped, g.sub(one, clipped))]);
  const maskShape = g.concat([g.int64s([0, 0, 3], [3], 'mask_lead'), g.unsqueeze(heightI, [0]), g.unsqueeze(widthI, [0])], 0);
  const maskLogits = g.op1('Reshape', [logits, maskShape]);
  const presence = g.reduceMax(g.slice(logits, [1], [2], [2]), [3], false); // [B, O, 1]
  return { masks: maskLogits, scores, presence };
}

export function samDecoderModel(): Uint8Array {
  const g = new GraphBuilder('sam_decoder_fixture');
  const embeddings = g.input('image_embeddings', 'float32', ['batch_size', 256, 64, 64]);
  g.input('image_positional_embeddings', 'float32', ['batch_size', 256, 64, 64]);
  const points = g.input('input_points', 'float32', ['batch_size', 'point_batch_size', 'num_points', 2]);
  const labels = g.input('input_labels', 'int64', ['batch_size', 'point_batch_size', 'num_points']);
  const features = g.op1('DepthToSpace', [g.slice(embeddings, [0], [PACKED * CELL * CELL], [1])], { blocksize: CELL, mode: 'DCR' });
  // No box input: the whole frame, with the batch dimension of the points.
  const frameBox = g.add(g.mul(g.reduceSum(g.slice(points, [0], [1], [3]), [1, 2, 3], true), g.scalar(0, 'zero')), g.floats([0, 0, FRAME, FRAME], [1, 1, 4], 'frame_box'));
  const out = decode(g, features, points, labels, g.reshape(frameBox, [-1, 1, 4]), CELL);
  g.output(out.masks, 'pred_masks', 'float32', ['batch_size', 'point_batch_size', 3, FEATURE_SIDE, FEATURE_SIDE]);
  g.output(out.scores, 'iou_scores', 'float32', ['batch_size', 'point_batch_size', 3]);
  return g.toModelBytes('IntSeg test fixture: SAM-contract prompt encoder + mask decoder reproducing the synthetic world segmenter stand-in (no box input)');
}

export function sam2DecoderModel(): Uint8Array {
  const g = new GraphBuilder('sam2_decoder_fixture');
  const level0 = g.input('image_embeddings.0', 'float32', ['batch_size', 32, 'height', 'width']);
  g.input('image_embeddings.1', 'float32', ['batch_size', 64, 'height_2', 'width_2']);
  g.input('image_embeddings.2', 'float32', ['batch_size', 256, 'height_4', 'width_4']);
  const points = g.input('input_points', 'float32', ['batch_size', 'num_objects', 'num_points', 2]);
  const labels = g.input('input_labels', 'int64', ['batch_size', 'num_objects', 'num_points']);
  const boxes = g.input('input_boxes', 'float32', ['batch_size', 'num_boxes', 4]);
  // First box if any, else the whole frame: append the frame box and take index 0.
  const frameBox = g.add(g.mul(g.reduceSum(boxes, [1], true), g.scalar(0, 'zero')), g.floats([0, 0, FRAME, FRAME], [1, 1, 4], 'frame_box'));
  const box = g.slice(g.concat([boxes, frameBox], 1), [0], [1], [1]);
  const features = g.slice(level0, [0], [PACKED], [1]);
  const out = decode(g, features, points, labels, box, 1);
  g.output(out.masks, 'pred_masks', 'float32', ['batch_size', 'num_objects', 3, 'height', 'width']);
  g.output(out.scores, 'iou_scores', 'float32', ['batch_size', 'num_objects', 3]);
  g.output(out.presence, 'object_score_logits', 'float32', ['batch_size', 'num_objects', 1]);
  return g.toModelBytes('IntSeg test fixture: SAM 2.1-contract prompt encoder + mask decoder reproducing the synthetic world segmenter stand-in');
}
