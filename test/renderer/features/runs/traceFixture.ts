// Iterations shaped like the `runs.imageTrace` answers of a real run on a synthetic scene (test pack),
// trimmed to what the renderer's pure functions read.
import type { CandidateView, ImageTrace, IterationView } from '../../../../src/shared/dto/runs';

type CandidateSpec = Partial<CandidateView> & Pick<CandidateView, 'index' | 'patch' | 'name'>;

export function candidate(spec: CandidateSpec): CandidateView {
  return {
    source: 'proposer',
    raw: `name: ${spec.name}. | environment: sand. | box: [0.1, 0.1, 0.5, 0.5]`,
    rawName: spec.name,
    background: 'sand',
    box: { x1: 10, y1: 10, x2: 50, y2: 50 },
    scoreBefore: 0.05,
    scoreAfter: 0.04,
    drop: 0.01,
    pnmFactor: null,
    d: 0.01,
    dnorm: 0.1,
    error: null,
    ...spec,
  };
}

/** Iteration 1 of scene-1: crab wins on three patches, mouse second, the rest barely move. */
export function iterationOne(): IterationView {
  return {
    id: 4,
    index: 1,
    chosenPrompt: 'crab',
    rule: 'argmax-d',
    ranking: ['crab', 'mouse', 'camouflaged animal', 'octopus', 'gecko'],
    fallback: 'none',
    fallbackReason: null,
    phrase: 'crab',
    backgroundNames: ['sand'],
    vocabulary: ['camouflaged animal', 'crab', 'gecko', 'mouse', 'octopus', 'sand'],
    candidates: [
      candidate({ index: 0, patch: 'whole', name: 'crab', rawName: 'Crabs', scoreBefore: 0.0433, scoreAfter: 0.0222, drop: 0.0211, d: 0.0211, dnorm: 0.0955 }),
      candidate({ index: 1, patch: 'left', name: 'octopus', scoreBefore: 0.0123, scoreAfter: 0.01, drop: 0.0023, d: 0.0023, dnorm: 0.0103 }),
      candidate({ index: 2, patch: 'right', name: 'gecko', scoreBefore: 0.0144, scoreAfter: 0.0131, drop: 0.0014, d: 0.0014, dnorm: 0.0062 }),
      candidate({ index: 3, patch: 'top', name: 'crab', scoreBefore: 0.0589, scoreAfter: 0.015, drop: 0.0439, d: 0.0439, dnorm: 0.1983 }),
      candidate({ index: 5, patch: 'top-left', name: 'crab', scoreBefore: 0.1027, scoreAfter: 0.0104, drop: 0.0924, d: 0.0924, dnorm: 0.4174, box: { x1: 3, y1: 0, x2: 60, y2: 60 } }),
      candidate({ index: 6, patch: 'top-right', name: 'mouse', scoreBefore: 0.0861, scoreAfter: 0.068, drop: 0.0181, d: 0.0181, dnorm: 0.0818 }),
      candidate({ index: 7, patch: 'bottom-left', name: 'mouse', scoreBefore: 0.091, scoreAfter: 0.0559, drop: 0.0351, d: 0.0351, dnorm: 0.1587 }),
      candidate({ index: 8, patch: 'whole', name: 'camouflaged animal', source: 'task-prompt', raw: null, scoreBefore: 0.0296, scoreAfter: 0.0231, drop: 0.0065, d: 0.0065, dnorm: 0.0294 }),
    ],
    dropped: [{ patch: 'bottom-right', raw: 'name: Mouse. | environment: sand. | box: unknown', reason: 'no parsable box' }],
    detections: [
      { box: { x1: 31, y1: 32, x2: 60, y2: 59 }, score: 0.8396, phrase: 'crab' },
      { box: { x1: 3, y1: 67, x2: 32, y2: 94 }, score: 0.8253, phrase: 'crab' },
    ],
    points: [
      { x: 52.5, y: 48, label: 1 },
      { x: 116.5, y: 116.5, label: 0 },
      { x: 20.5, y: 125.7, label: 0 },
    ],
    boxMasks: [
      { box: { x1: 31, y1: 32, x2: 60, y2: 59 }, source: 'detector', predictedIoU: 0.9376, s: 0.0077, weight: 0.6 },
      { box: { x1: 3, y1: 67, x2: 32, y2: 94 }, source: 'detector', predictedIoU: 0.9437, s: 0.0036, weight: 0 },
    ],
    meanAbsChange: null,
    errors: [],
    timingsMs: { propose: 135, inpaint: 168, score: 359, select: 0, detect: 112, points: 66, segment: 218, clip: 159, fuse: 1, reweight: 1 },
  };
}

/** Iteration 2: PNM multiplied each D by the name's share in iteration 1. */
export function iterationTwo(): IterationView {
  const first = iterationOne();
  const factors: Record<string, number> = { crab: 0.7112, mouse: 0.2405, octopus: 0.0103, gecko: 0.0062, 'camouflaged animal': 0.0294 };
  return {
    ...first,
    id: 5,
    index: 2,
    candidates: first.candidates.map((entry) => ({ ...entry, pnmFactor: factors[entry.name] ?? null, d: (entry.d ?? 0) * (factors[entry.name] ?? 1) })),
    meanAbsChange: 0.0278,
  };
}

export function traceOf(iterations: IterationView[], finalIteration: number): ImageTrace {
  return {
    runId: 1,
    imageId: 2,
    status: 'done',
    error: null,
    finalIteration,
    uncertainty: { score: 0.49, spread: 0.21, margin: 0.47, softness: 0.74 },
    models: null,
    totalMs: 2494,
    distancesToMean: iterations.map((iteration) => (iteration.index === finalIteration ? 1.5 : 3)),
    stoppedEarly: false,
    iterations,
  };
}
