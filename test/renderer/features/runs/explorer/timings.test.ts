import { describe, expect, it } from 'vitest';
import { stageTimings } from '../../../../../src/renderer/src/features/runs/explorer/timings';

describe('stage timings', () => {
  it('lists every stage in INT order with its share of the total', () => {
    const { stages, total } = stageTimings({ score: 300, propose: 100, detect: 100 });
    expect(total).toBe(500);
    expect(stages.map((stage) => stage.stage)).toEqual(['propose', 'inpaint', 'score', 'select', 'detect', 'points', 'segment', 'clip', 'fuse', 'reweight']);
    expect(stages[0]).toEqual({ stage: 'propose', ms: 100, fraction: 0.2 });
    expect(stages[2]?.fraction).toBeCloseTo(0.6, 10);
    expect(stages[1]).toEqual({ stage: 'inpaint', ms: 0, fraction: 0 });
  });

  it('ignores negative and non-finite values and copes with no time at all', () => {
    expect(stageTimings({ score: -5, propose: Number.NaN }).total).toBe(0);
    expect(stageTimings({}).stages.every((stage) => stage.fraction === 0)).toBe(true);
  });
});
