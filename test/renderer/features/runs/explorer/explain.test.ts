import { describe, expect, it } from 'vitest';
import { explainIteration, lineText } from '../../../../../src/renderer/src/features/runs/explorer/explain';
import { candidate, iterationOne, iterationTwo, traceOf } from '../traceFixture';

function texts(lines: ReturnType<typeof explainIteration>): Record<string, string> {
  return Object.fromEntries(lines.map((line) => [line.topic, lineText(line)]));
}

describe('why an iteration came out as it did', () => {
  it('names where the candidates came from, which won by how much, and which were rejected and why', () => {
    const one = iterationOne();
    const lines = texts(explainIteration(traceOf([one, iterationTwo()], 1), one));
    expect(lines['candidates']).toBe('8 patch answers gave 7 candidates, plus the task prompt “camouflaged animal”: 5 distinct names. One answer was dropped (no parsable box).');
    expect(lines['choice']).toBe(
      '“crab” was chosen as the prompt Au₁: removing its region from the top-left patch lowered the confidence from 0.103 to 0.010, the largest D (0.0924); the name holds 71.1% of all D over 3 candidates.',
    );
    expect(lines['rejected']).toBe(
      'Rejected: “mouse” (best D 0.0351, 24.1% of all D over 2 candidates) lost less confidence than “crab” in any one patch; “camouflaged animal”, “octopus” and “gecko” barely moved the score when removed (under 5.0% of D each), the sign of a hallucinated name.',
    );
    expect(lines['pnm']).toBeUndefined();
    expect(lines['mask']).toBe('The detector found 2 boxes for “crab” (score 0.83–0.84); 1 positive point and 2 negative points from the CLIP map; CLIP weighted the 2 box masks (1 got weight 0).');
    expect(lines['final']).toBe('This is i*: of the 2 masks it is the closest to their mean, so it became the proposal.');
  });

  it('tells what PNM carried over in later iterations, and that another iteration is i*', () => {
    const two = iterationTwo();
    const lines = texts(explainIteration(traceOf([iterationOne(), two], 1), two));
    expect(lines['pnm']).toBe("PNM multiplied each D by the name's share in iteration 1: “crab” ×0.71, “mouse” ×0.24 and “camouflaged animal” ×0.03; the other 2 names ×6.2e-3 to ×0.01.");
    expect(lines['final']).toBe('Not the proposal: i* is iteration 1, the mask closest to the mean of all 2.');
  });

  it('names the names PNM carried because the new answers did not repeat them', () => {
    const two = iterationTwo();
    const carried = { ...two, candidates: [...two.candidates, candidate({ index: 99, patch: 'top-left', name: 'crab', source: 'memory' })] };
    expect(texts(explainIteration(traceOf([iterationOne(), carried], 1), carried))['candidates']).toMatch(/, PNM carried the name “crab” from earlier iterations where these answers did not repeat them, plus the task prompt/);
  });

  it('warns about a fallback and about port errors the iteration survived', () => {
    const one = { ...iterationOne(), fallback: 'next-best', fallbackReason: 'the detector found no box for "crab"', phrase: 'mouse', errors: ['detector: timeout'] };
    const lines = explainIteration(traceOf([one], 1), one);
    const fallback = lines.find((line) => line.topic === 'fallback');
    expect(fallback?.tone).toBe('warning');
    expect(fallback === undefined ? '' : lineText(fallback)).toBe('Fallback to the next-best name: the detector found no box for "crab". The mask was made for “mouse”.');
    expect(lines.filter((line) => line.topic === 'error').map(lineText)).toEqual(['A model port failed and the iteration went on: detector: timeout']);
    expect(texts(lines)['final']).toBe('This is the only iteration: its mask is the proposal.');
  });

  it('says so when modules were switched off', () => {
    const base = iterationOne();
    const prompt = base.candidates.find((entry) => entry.source === 'task-prompt');
    const noHcg = { ...base, candidates: prompt === undefined ? [] : [prompt], dropped: [], ranking: ['camouflaged animal'], chosenPrompt: 'camouflaged animal', phrase: 'camouflaged animal' };
    expect(texts(explainIteration(traceOf([noHcg], 1), noHcg))['candidates']).toBe('HCG is off: the task prompt “camouflaged animal” is the only candidate.');
    const noPsnm = { ...base, rule: 'first-candidate' };
    const lines = texts(explainIteration(traceOf([noPsnm], 1), noPsnm));
    expect(lines['choice']).toBe('PSNM is off: the first candidate “crab” was taken as the prompt without negative mining.');
    expect(lines['rejected']).toBeUndefined();
    const noSmg = { ...base, detections: [], boxMasks: [{ box: { x1: 0, y1: 0, x2: 9, y2: 9 }, source: 'vlm-box', predictedIoU: 0.9, s: null, weight: 1 }] };
    expect(texts(explainIteration(traceOf([noSmg], 1), noSmg))['mask']).toBe("SMG is off: the mask comes from the chosen candidate's box alone.");
  });
});
