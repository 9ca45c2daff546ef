import { describe, expect, it } from 'vitest';
import { shareHistory, summariseNames } from '../../../../../src/renderer/src/features/runs/explorer/nameSummary';
import { iterationOne, iterationTwo } from '../traceFixture';

describe('names of an iteration', () => {
  it('sums Dnorm per normalised name (the PNM memory) and orders by the ranking', () => {
    const names = summariseNames(iterationOne());
    expect(names.map((entry) => entry.name)).toEqual(['crab', 'mouse', 'camouflaged animal', 'octopus', 'gecko']);
    const crab = names[0];
    expect(crab?.share).toBeCloseTo(0.0955 + 0.1983 + 0.4174, 10);
    expect(crab?.bestD).toBe(0.0924);
    expect(crab?.patches).toEqual(['whole', 'top', 'top-left']);
    expect(crab?.rawNames).toEqual(['Crabs']);
    expect(crab?.verdict).toBe('chosen');
    expect(names.slice(1).every((entry) => entry.verdict === 'rejected')).toBe(true);
    expect(names.find((entry) => entry.name === 'camouflaged animal')).toMatchObject({ fromTaskPrompt: true, patches: ['task prompt'] });
  });

  it('marks the name a fallback used instead of the chosen one', () => {
    const names = summariseNames({ ...iterationOne(), phrase: 'mouse' });
    expect(names.find((entry) => entry.name === 'mouse')?.verdict).toBe('used-after-fallback');
  });

  it('has no share when D is unknown (PSNM off) and carries the PNM factor', () => {
    const off = iterationOne();
    const names = summariseNames({ ...off, candidates: off.candidates.map((entry) => ({ ...entry, d: null, dnorm: null })) });
    expect(names.every((entry) => entry.share === null)).toBe(true);
    expect(summariseNames(iterationTwo())[0]?.pnmFactor).toBe(0.7112);
  });

  it("follows a name's share across iterations", () => {
    const history = shareHistory([iterationOne(), { candidates: [] }], 'mouse');
    expect(history[0]).toBeCloseTo(0.0818 + 0.1587, 10);
    expect(history[1]).toBeNull();
  });
});
