import { describe, expect, it } from 'vitest';
import { CancelledError, CancelSource } from '../../../src/core/cancel';
import { fuseMasks, normaliseBoxScores } from '../../../src/core/int/fusion';
import { intConfig, IntConfigError } from '../../../src/core/int/config';
import { runInt, type IntProgress } from '../../../src/core/int/loop';
import { INT_STAGES, traceWithoutMasks } from '../../../src/core/int/trace';
import { softMask, type Box } from '../../../src/core/image';
import { FROG_BOX, LADYBIRD_BOX, SIZE, TASK, defaultAnswers, sceneImage, scriptedModels, type ScriptOptions } from './scripted-ports';

function counter(): () => number {
  let t = 0;
  return () => (t += 1);
}

function boxData(...boxes: Box[]): Float32Array {
  const data = new Float32Array(SIZE * SIZE);
  for (const box of boxes) for (let y = box.y1; y < box.y2; y++) for (let x = box.x1; x < box.x2; x++) data[y * SIZE + x] = 1;
  return data;
}

describe('runInt on scripted ports', () => {
  it('mines the true name, drops unparsable answers with reasons, and records a complete trace', async () => {
    const { models } = scriptedModels();
    const { soft, binary, trace } = await runInt(sceneImage(), TASK, models, { clock: counter() });
    const first = trace.iterations[0];
    if (first === undefined) throw new Error('no iteration');
    expect(first.candidates.map((c) => [c.name, c.patch.name, c.source])).toEqual([
      ['ladybird', 'whole', 'proposer'],
      ['frog', 'left', 'proposer'],
      ['frog', 'top', 'proposer'],
      ['mouse', 'bottom', 'proposer'],
      ['frog', 'top-left', 'proposer'],
      ['ladybird', 'bottom-right', 'proposer'],
      ['camouflaged animal', 'whole', 'task-prompt'],
    ]);
    expect(first.candidates[0]?.rawName).toBe('Ladybirds');
    expect(first.dropped.map((d) => [d.patch.name, d.reason])).toEqual([
      ['right', 'no parsable foreground name'],
      ['top-right', 'zero-area or out-of-patch box [3, 3, 3, 6]'],
      ['bottom-left', 'proposer failed: VLM timed out'],
    ]);
    // Hand-computed D (colour share before - after removing the box) for iteration 1.
    const eps = 1e-6;
    const expected = [eps, 25 / 128, 25 / 128, eps, 25 / 64, 9 / 64, 25 / 512];
    first.candidates.forEach((c, k) => expect(c.d).toBeCloseTo(expected[k] ?? NaN, 12));
    const sum = expected.reduce((a, b) => a + b, 0);
    first.candidates.forEach((c, k) => expect(c.dnorm).toBeCloseTo((expected[k] ?? NaN) / sum, 12));
    expect(first.candidates[6]?.box).toEqual(FROG_BOX); // the task prompt borrows the whole-image answer's box
    expect(first.candidates[5]?.box).toEqual(LADYBIRD_BOX); // patch coordinates -> image coordinates
    expect(first.selection).toEqual({ rule: 'argmax-d', candidate: 4, name: 'frog', ranking: ['frog', 'ladybird', 'camouflaged animal', 'mouse'] });
    expect(first.fallback).toBe('none');
    expect(first.detections).toEqual([{ box: FROG_BOX, score: 0.9, phrase: 'frog' }]);
    expect(first.backgroundNames).toEqual(['ground']);
    expect(first.points).toEqual([
      { x: 0, y: 0, label: 0 },
      { x: 4, y: 4, label: 1 },
    ]);
    expect(first.boxMasks).toEqual([{ box: FROG_BOX, source: 'detector', predictedIoU: 0.8, s: expect.any(Number), weight: 1 }]);
    expect(first.vocabulary).toEqual(['camouflaged animal', 'frog', 'ground', 'ladybird', 'mouse']);

    // Iteration 2 removes the previous mask: patches without it get eps, PNM multiplies Dnorm_1(name).
    const second = trace.iterations[1];
    if (second === undefined) throw new Error('no second iteration');
    const memory = new Map<string, number>();
    first.candidates.forEach((c) => memory.set(c.name, (memory.get(c.name) ?? 0) + (c.dnorm ?? 0)));
    const raw2 = [eps, 25 / 128, 25 / 128, eps, 25 / 64, eps, 25 / 512];
    second.candidates.forEach((c, k) => {
      expect(c.pnmFactor).toBeCloseTo(memory.get(c.name) ?? NaN, 12);
      expect(c.d).toBeCloseTo((raw2[k] ?? NaN) * (memory.get(c.name) ?? NaN), 12);
    });
    expect(second.candidates.map((c) => c.region?.kind)).toEqual(['mask', 'mask', 'mask', 'none', 'mask', 'none', 'mask']);
    expect(second.candidates[1]?.region).toEqual({ kind: 'mask', box: FROG_BOX, pixels: 25, inpaint: 0 });

    // Result and final record.
    expect(trace.iterations).toHaveLength(5);
    expect(trace.selectedIteration).toBe(1);
    expect(binary.data.reduce((a, b) => a + b, 0)).toBe(25);
    expect(soft).toBe(trace.iterations[0]?.mask);
    expect(trace.models).toEqual({
      proposer: 'scripted-vlm@1',
      scorer: 'scripted-score@1',
      inpainter: 'scripted-fill@1',
      detector: 'scripted-detector@1',
      pointPrompter: 'scripted-points@1',
      segmenter: 'scripted-sam@1',
      clipScorer: 'scripted-clip@1',
      scoreRoute: 'clip',
      proposerDeterministic: true,
    });
    expect(trace.config).toEqual(intConfig());
    for (const iteration of trace.iterations) {
      expect(Object.keys(iteration.timingsMs).sort()).toEqual([...INT_STAGES].sort());
      expect(iteration.errors).toEqual([]);
      for (const c of iteration.candidates) {
        for (const value of Object.values(c)) expect(value).not.toBeUndefined();
        expect(c.scoreBefore).not.toBeNull();
        expect(c.scoreAfter).not.toBeNull();
      }
    }
    expect(trace.totalMs).toBeGreaterThan(0);
    expect(trace.timingsMs.propose).toBeGreaterThan(0);
    expect(trace.uncertainty.score).toBeGreaterThanOrEqual(0);
    expect(trace.uncertainty.score).toBeLessThanOrEqual(1);
    expect(trace.uncertainty.spread).toBe(0); // five identical masks
    // JSON-safe except the masks.
    const json = traceWithoutMasks(trace);
    expect(JSON.parse(JSON.stringify(json))).toStrictEqual(json);
    expect(json.iterations[2]?.mask).toEqual({ maskRef: 2, width: SIZE, height: SIZE });
  });

  it('asks a deterministic proposer once per patch, a stochastic one every iteration', async () => {
    const deterministic = scriptedModels();
    const run = await runInt(sceneImage(), TASK, deterministic.models);
    expect(deterministic.calls.propose).toHaveLength(9);
    expect(run.trace.iterations.map((i) => i.proposalsReused)).toEqual([false, true, true, true, true]);
    const stochastic = scriptedModels({ deterministic: false });
    await runInt(sceneImage(), TASK, stochastic.models);
    expect(stochastic.calls.propose).toHaveLength(45);
  });

  it('PNM carries a name a sampling VLM does not repeat, on its patch and box; without PNM it is lost', async () => {
    // Draw 1: the default answers. Draw 2 onwards: the same patches, but every "frog" became "mouse" on empty ground.
    const first = defaultAnswers();
    const later = first.map((answer) =>
      answer instanceof Error || answer.foreground === null || !/frog/i.test(answer.foreground) ? answer : { ...answer, foreground: 'mouse', box: { x1: 0, y1: 0, x2: 2, y2: 2 } },
    );
    const script = (): ScriptOptions => ({ deterministic: false, answers: [...first, ...later, ...later, ...later, ...later] });
    const withPnm = await runInt(sceneImage(), TASK, scriptedModels(script()).models, { config: intConfig({ iterations: 3 }) });
    const second = withPnm.trace.iterations[1];
    const carried = second?.candidates.filter((c) => c.source === 'memory') ?? [];
    expect(carried.map((c) => [c.name, c.patch.name, c.box])).toEqual([['frog', 'top-left', FROG_BOX]]); // the frog's best candidate of iteration 1
    expect(second?.candidates.at(-1)?.source).toBe('task-prompt'); // still last
    expect(second?.candidates.map((c) => c.index)).toEqual(second?.candidates.map((_, k) => k));
    expect(withPnm.trace.iterations.map((i) => i.phrase)).toEqual(['frog', 'frog', 'frog']);
    const withoutPnm = await runInt(sceneImage(), TASK, scriptedModels(script()).models, { config: intConfig({ iterations: 3, ablation: { pnm: false } }) });
    expect(withoutPnm.trace.iterations[1]?.candidates.some((c) => c.source === 'memory')).toBe(false);
    expect(withoutPnm.trace.iterations[1]?.phrase).not.toBe('frog');
    // A deterministic proposer repeats every answer: nothing to carry.
    const deterministic = await runInt(sceneImage(), TASK, scriptedModels().models);
    expect(deterministic.trace.iterations.flatMap((i) => i.candidates).some((c) => c.source === 'memory')).toBe(false);
  });

  it('computes each "before" score once and inpaints once per distinct region set', async () => {
    const { models, calls } = scriptedModels();
    const { trace } = await runInt(sceneImage(), TASK, models);
    // Iteration 1: three distinct boxes (frog, mouse, ladybird); later: one full-image inpaint of M_{i-1} > 0.5.
    expect(calls.inpaint.map((c) => c.pixels)).toEqual([25, 16, 9, 25, 25, 25, 25]);
    expect(trace.iterations.map((i) => i.inpaints.length)).toEqual([3, 1, 1, 1, 1]);
    for (const call of calls.inpaint) expect(call.image.width).toBe(SIZE); // full image, not a patch
    // 7 before scores once, 7 after scores in iteration 1, 5 after (two patches miss the mask) in 2..5.
    expect(calls.score).toHaveLength(7 + 7 + 4 * 5);
  });

  it('reuses box inpaints across iterations when the previous mask is empty', async () => {
    const { models, calls } = scriptedModels({ segmentMask: () => new Float32Array(SIZE * SIZE) });
    const { trace } = await runInt(sceneImage(), TASK, models, { config: intConfig({ iterations: 2 }) });
    expect(calls.inpaint).toHaveLength(3);
    expect(trace.iterations[1]?.inpaints.every((i) => i.cached && i.kind === 'box')).toBe(true);
  });

  it('falls back to the next-best candidate, then to the union of candidate boxes, and says so', async () => {
    const nextBest = scriptedModels({ blind: ['frog'] });
    const one = await runInt(sceneImage(), TASK, nextBest.models, { config: intConfig({ iterations: 1 }) });
    const it1 = one.trace.iterations[0];
    expect(it1?.fallback).toBe('next-best');
    expect(it1?.phrase).toBe('ladybird');
    expect(it1?.selection.name).toBe('frog');
    expect(it1?.fallbackReason).toMatch(/no box for "frog".*"ladybird"/);
    expect(nextBest.calls.detect.map((c) => c.phrase)).toEqual(['frog', 'ladybird']);
    expect(nextBest.calls.clip[0]?.name).toBe('ladybird');

    const union = scriptedModels({ blind: ['frog', 'ladybird'] });
    const two = await runInt(sceneImage(), TASK, union.models, { config: intConfig({ iterations: 1 }) });
    const it2 = two.trace.iterations[0];
    expect(it2?.fallback).toBe('union-of-boxes');
    expect(it2?.boxMasks.map((b) => [b.box, b.source])).toEqual([[FROG_BOX, 'union-of-boxes']]);
    expect(union.calls.segment[0]?.prompt.box).toEqual(FROG_BOX);
  });

  it('ablation: no HCG keeps the task prompt as the only candidate; the proposer only lends its box when SMG is off', async () => {
    const withSmg = scriptedModels();
    const one = await runInt(sceneImage(), TASK, withSmg.models, { config: intConfig({ ablation: { hcg: false } }) });
    expect(withSmg.calls.propose).toHaveLength(0);
    expect(one.trace.iterations[0]?.candidates.map((c) => [c.name, c.box])).toEqual([['camouflaged animal', null]]);
    expect(withSmg.calls.detect[0]?.phrase).toBe('camouflaged animal');

    const boxOnly = scriptedModels();
    const two = await runInt(sceneImage(), TASK, boxOnly.models, { config: intConfig({ ablation: { hcg: false, smg: false } }) });
    expect(boxOnly.calls.propose).toHaveLength(1);
    expect(boxOnly.calls.propose[0]?.width).toBe(SIZE);
    const first = two.trace.iterations[0];
    expect(first?.candidates.map((c) => [c.name, c.box])).toEqual([['camouflaged animal', FROG_BOX]]);
    expect(first?.dropped[0]?.reason).toMatch(/HCG off/);
    expect(boxOnly.calls.segment[0]?.prompt).toEqual({ box: FROG_BOX, points: [] });
  });

  it('ablation: no PSNM takes the first candidate and computes no D', async () => {
    const { models, calls } = scriptedModels();
    const { trace } = await runInt(sceneImage(), TASK, models, { config: intConfig({ ablation: { psnm: false } }) });
    expect(trace.iterations.every((i) => i.selection.rule === 'first-candidate' && i.selection.name === 'ladybird')).toBe(true);
    expect(calls.inpaint).toHaveLength(0);
    expect(calls.score).toHaveLength(0);
    expect(trace.iterations[0]?.candidates.every((c) => c.d === null && c.region === null)).toBe(true);
    expect(trace.uncertainty.margin).toBeNull();
  });

  it('ablation: no PNM leaves D unmultiplied', async () => {
    const { models } = scriptedModels();
    const { trace } = await runInt(sceneImage(), TASK, models, { config: intConfig({ iterations: 2, ablation: { pnm: false } }) });
    const second = trace.iterations[1];
    expect(second?.candidates.every((c) => c.pnmFactor === null)).toBe(true);
    expect(second?.candidates[4]?.d).toBeCloseTo(25 / 64, 12);
  });

  it('ablation: no SMG segments from the chosen VLM box alone', async () => {
    const { models, calls } = scriptedModels();
    const { trace } = await runInt(sceneImage(), TASK, models, { config: intConfig({ ablation: { smg: false } }) });
    expect(calls.detect).toHaveLength(0);
    expect(calls.points).toHaveLength(0);
    expect(calls.clip).toHaveLength(0);
    expect(calls.segment.map((c) => c.prompt)).toEqual(Array(5).fill({ box: FROG_BOX, points: [] }));
    expect(trace.iterations[0]?.boxMasks).toEqual([{ box: FROG_BOX, source: 'vlm-box', predictedIoU: 0.8, s: null, weight: 1 }]);
  });

  it('honours the iteration count and the patch scales', async () => {
    const { models, calls } = scriptedModels();
    const { trace } = await runInt(sceneImage(), TASK, models, { config: intConfig({ iterations: 1, scales: ['whole'] }) });
    expect(trace.iterations).toHaveLength(1);
    expect(calls.propose).toHaveLength(1);
    expect(trace.iterations[0]?.candidates.map((c) => c.name)).toEqual(['ladybird', 'camouflaged animal']);
  });

  it('reweights X_{i+1} = w * (X_i * M_i) + (1 - w) * X_i', async () => {
    for (const w of [0.3, 0.5]) {
      const { models, calls } = scriptedModels();
      await runInt(sceneImage(), TASK, models, { config: intConfig({ iterations: 2, reweightW: w }) });
      const x2 = calls.detect[1]?.image;
      if (x2 === undefined) throw new Error('no second detection');
      expect(calls.detect[0]?.image).toEqual(sceneImage());
      const at = (x: number, y: number): number[] => [...x2.data.subarray((y * SIZE + x) * 3, (y * SIZE + x) * 3 + 3)];
      expect(at(3, 3)).toEqual([200, 0, 0]); // M = 1: kept
      expect(at(0, 0)).toEqual([Math.round(100 * (1 - w)), Math.round(100 * (1 - w)), Math.round(100 * (1 - w))]); // M = 0
      expect(at(12, 12)).toEqual([0, 0, Math.round(200 * (1 - w))]);
    }
  });

  it('selects the iteration closest to the mean mask', async () => {
    const f2: Box = { x1: 2, y1: 2, x2: 4, y2: 3 }; // 2 pixels of the frog
    const frogMinusTwo = boxData(FROG_BOX);
    frogMinusTwo.fill(0, 2 * SIZE + 2, 2 * SIZE + 4);
    const extra: Box = { x1: 8, y1: 0, x2: 13, y2: 2 }; // 10 pixels
    const scripted = [frogMinusTwo, boxData(FROG_BOX, extra), boxData(FROG_BOX), boxData(FROG_BOX), boxData(LADYBIRD_BOX)];
    const { models } = scriptedModels({ segmentMask: (call) => scripted[call] ?? null });
    const { trace, soft } = await runInt(sceneImage(), TASK, models);
    // Groups: 23 frog pixels (mean .8), 2 pixels f2 (.6), 10 extra (.2), 9 ladybird (.2) -> squared distances 2.4, 8, 2, 2, 21.6.
    expect(trace.distancesToMean.map((d) => d * d)).toEqual([2.4, 8, 2, 2, 21.6].map((v) => expect.closeTo(v, 5)));
    expect(trace.selectedIteration).toBe(3);
    expect(soft).toBe(trace.iterations[2]?.mask);
    expect(f2.x2 - f2.x1).toBe(2);
    expect(trace.uncertainty.spread).toBeGreaterThan(0);
  });

  it('normalises the CLIP scores of the box masks and fuses with them', async () => {
    const extra: Box = { x1: 0, y1: 0, x2: 4, y2: 4 };
    const { models, calls } = scriptedModels({
      extraDetections: { frog: [{ box: LADYBIRD_BOX, score: 0.5, phrase: 'frog' }, { box: extra, score: 0.4, phrase: 'frog' }] },
      clipScores: () => [0.2, 0.5, 0.3],
    });
    const { trace } = await runInt(sceneImage(), TASK, models, { config: intConfig({ iterations: 1 }) });
    const first = trace.iterations[0];
    const weights = normaliseBoxScores([0.2, 0.5, 0.3]);
    expect(first?.boxMasks.map((b) => b.weight)).toEqual(weights);
    expect(first?.boxMasks.map((b) => b.box)).toEqual([FROG_BOX, LADYBIRD_BOX, extra]);
    // The segmenter was given positives inside each box only, negatives everywhere.
    expect(calls.segment[1]?.prompt.points).toEqual([{ x: 0, y: 0, label: 0 }]);
    expect(calls.segment[0]?.prompt.points).toHaveLength(2);
    const masks = calls.segment.map((c) => {
      const data = new Float32Array(SIZE * SIZE).fill(0.05);
      const box = c.prompt.box as Box;
      const image = sceneImage();
      for (let y = box.y1; y < box.y2; y++)
        for (let x = box.x1; x < box.x2; x++) {
          const p = (y * SIZE + x) * 3;
          if ((image.data[p] ?? 0) === 200 || (image.data[p + 2] ?? 0) === 200) data[y * SIZE + x] = 0.9;
        }
      return softMask(SIZE, SIZE, data);
    });
    expect([...(first?.mask.data ?? [])]).toEqual([...fuseMasks(masks, weights, SIZE, SIZE).data]);
  });

  it('stops early when the mask changes less than the tolerance twice in a row (off by default)', async () => {
    const on = await runInt(sceneImage(), TASK, scriptedModels().models, { config: intConfig({ earlyStop: true }) });
    expect(on.trace.iterations).toHaveLength(3);
    expect(on.trace.stoppedEarly).toBe(true);
    expect(on.trace.iterations.map((i) => i.meanAbsChange)).toEqual([null, 0, 0]);
    const off = await runInt(sceneImage(), TASK, scriptedModels().models);
    expect(off.trace.iterations).toHaveLength(5);
    expect(off.trace.stoppedEarly).toBe(false);
  });

  it('cancels between stages and between port calls', async () => {
    const source = new CancelSource();
    const { models, calls } = scriptedModels();
    const onProgress = (p: IntProgress): void => {
      if (p.iteration === 2 && p.stage === 'detect') source.cancel('user pressed stop');
    };
    await expect(runInt(sceneImage(), TASK, models, { cancel: source, onProgress })).rejects.toThrow(CancelledError);
    expect(calls.detect).toHaveLength(1);
    await expect(runInt(sceneImage(), TASK, models, { cancel: source })).rejects.toThrow(/user pressed stop/);

    const inside = new CancelSource();
    const second = scriptedModels();
    const segment = second.models.segmenter.segment.bind(second.models.segmenter);
    const models2 = { ...second.models, segmenter: { id: 'cancelling', segment: async (...args: Parameters<typeof segment>) => (inside.cancel(), segment(...args)) } };
    await expect(runInt(sceneImage(), TASK, models2, { cancel: inside })).rejects.toThrow(CancelledError);
    expect(second.calls.clip).toHaveLength(0);
  });

  it('reports progress per stage, increasing, ending with done', async () => {
    const events: IntProgress[] = [];
    await runInt(sceneImage(), TASK, scriptedModels().models, { config: intConfig({ iterations: 2 }), onProgress: (p) => events.push(p) });
    const fractions = events.map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(events.at(-1)).toEqual({ iteration: 2, iterations: 2, stage: 'done', fraction: 1 });
    expect(events.filter((e) => e.iteration === 1).map((e) => e.stage)).toEqual([...INT_STAGES]);
  });

  it('rejects a configuration whose route differs from the Scorer, and an empty task prompt', async () => {
    const { models } = scriptedModels();
    await expect(runInt(sceneImage(), TASK, models, { config: intConfig({ route: 'vlm' }) })).rejects.toThrow(IntConfigError);
    await expect(runInt(sceneImage(), ' the. ', models)).rejects.toThrow(/empty after normalisation/);
  });

  it('survives port failures and records them', async () => {
    const { models } = scriptedModels();
    const failing = { ...models, pointPrompter: { id: 'broken', points: async () => Promise.reject(new Error('CLIP map failed')) } };
    const { trace } = await runInt(sceneImage(), TASK, failing, { config: intConfig({ iterations: 1 }) });
    expect(trace.iterations[0]?.errors).toEqual(['point prompter failed: CLIP map failed']);
    expect(trace.iterations[0]?.points).toEqual([]);
  });
});
