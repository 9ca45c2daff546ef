import { describe, expect, it } from 'vitest';
import { argmax, flooredDrop, nameMemory, normaliseDistribution, pnmFactors, rankNames } from '../../../src/core/int/mining';
import { fuseMasks, normaliseBoxScores } from '../../../src/core/int/fusion';
import { softMask } from '../../../src/core/image';

describe('PSNM / PNM arithmetic', () => {
  it('floors D at eps', () => {
    expect(flooredDrop(0.5, 0.2, 1e-6)).toBeCloseTo(0.3, 12);
    expect(flooredDrop(0.2, 0.5, 1e-6)).toBe(1e-6);
    expect(flooredDrop(0.2, 0.2, 1e-6)).toBe(1e-6);
    expect(flooredDrop(Number.NaN, 0.2, 1e-6)).toBe(1e-6);
  });

  it('reproduces a hand-computed two-iteration example', () => {
    // Iteration 1: candidates frog, frog, moth, camouflaged animal with drops 0.3, 0.1, 0.4, 0.2.
    const names1 = ['frog', 'frog', 'moth', 'camouflaged animal'];
    const d1 = [0.3, 0.1, 0.4, 0.2];
    const dnorm1 = normaliseDistribution(d1); // sum 1.0
    expect(dnorm1).toEqual([0.3, 0.1, 0.4, 0.2].map((v) => v / 1.0));
    expect(argmax(d1)).toBe(2); // without PNM, moth wins iteration 1
    const memory = nameMemory(names1, dnorm1);
    expect(memory.get('frog')).toBeCloseTo(0.4, 12); // 0.3 + 0.1
    expect(memory.get('moth')).toBeCloseTo(0.4, 12);
    expect(memory.get('camouflaged animal')).toBeCloseTo(0.2, 12);
    // Iteration 2: frog 0.5, moth 0.45, gecko (unseen) 0.6.
    const names2 = ['frog', 'moth', 'gecko'];
    const factors = pnmFactors(names2, memory);
    expect(factors[0]).toBeCloseTo(0.4, 12);
    expect(factors[1]).toBeCloseTo(0.4, 12);
    expect(factors[2]).toBeCloseTo(1 / 3, 12); // mean of the memory's values (0.4 + 0.4 + 0.2) / 3
    const d2 = [0.5, 0.45, 0.6].map((v, i) => v * (factors[i] ?? 0)); // 0.2, 0.18, 0.2
    expect(d2[0]).toBeCloseTo(0.2, 12);
    expect(d2[1]).toBeCloseTo(0.18, 12);
    expect(d2[2]).toBeCloseTo(0.2, 12);
    const dnorm2 = normaliseDistribution(d2);
    expect(dnorm2[0]).toBeCloseTo(0.2 / 0.58, 12);
    expect(argmax(d2)).toBe(0); // tie frog/gecko -> the earlier candidate
  });

  it('normalises a zero sum to the uniform distribution and gives an empty memory factor 1', () => {
    expect(normaliseDistribution([0, 0])).toEqual([0.5, 0.5]);
    expect(pnmFactors(['a'], new Map())).toEqual([1]);
  });

  it('ranks distinct names by D, the chosen first', () => {
    expect(rankNames(['frog', 'moth', 'frog', 'toad'], [0.1, 0.3, 0.5, 0.2], 2)).toEqual(['frog', 'moth', 'toad']);
    expect(rankNames(['moth', 'frog', 'moth'], null, 0)).toEqual(['moth', 'frog']);
  });
});

describe('SMG arithmetic', () => {
  it('normalises s: softmax, then min-max, then divide by the sum', () => {
    const s = [0.2, 0.5, 0.3];
    const e = s.map((v) => Math.exp(v));
    const soft = e.map((v) => v / e.reduce((a, b) => a + b, 0));
    const lo = Math.min(...soft);
    const hi = Math.max(...soft);
    const stretched = soft.map((v) => (v - lo) / (hi - lo));
    const sum = stretched.reduce((a, b) => a + b, 0);
    const expected = stretched.map((v) => v / sum);
    const got = normaliseBoxScores(s);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 12));
    expect(got[0]).toBe(0); // the worst box gets weight 0
    expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('gives equal weights to one box or to tied boxes', () => {
    expect(normaliseBoxScores([0.7])).toEqual([1]);
    expect(normaliseBoxScores([0.4, 0.4])).toEqual([0.5, 0.5]);
    expect(normaliseBoxScores([])).toEqual([]);
  });

  it('fuses masks with minmax(sum_b s_b m_b)', () => {
    const a = softMask(2, 1, new Float32Array([1, 0]));
    const b = softMask(2, 1, new Float32Array([0.5, 0.5]));
    // 0.25 * [1, 0] + 0.75 * [0.5, 0.5] = [0.625, 0.375] -> minmax [1, 0]
    expect([...fuseMasks([a, b], [0.25, 0.75], 2, 1).data]).toEqual([1, 0]);
    const c = softMask(3, 1, new Float32Array([0.2, 0.6, 1]));
    // 1 * c -> minmax: [0, 0.5, 1]
    expect([...fuseMasks([c], [1], 3, 1).data].map((v) => Number(v.toFixed(6)))).toEqual([0, 0.5, 1]);
    expect([...fuseMasks([softMask(2, 1)], [1], 2, 1).data]).toEqual([0, 0]);
  });
});
