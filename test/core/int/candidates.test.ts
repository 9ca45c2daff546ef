import { describe, expect, it } from 'vitest';
import { withCarriedCandidates, type Candidate } from '../../../src/core/int/candidates';

function candidate(index: number, name: string, patch: number, source: Candidate['source'] = 'proposer'): Candidate {
  const rect = { x1: 0, y1: 0, x2: 8, y2: 8 };
  return { index, source, patch: { index: patch, name: patch === 0 ? 'whole' : 'left', scale: patch === 0 ? 'whole' : 'halves', rect }, raw: null, rawName: name, name, background: null, box: rect };
}

describe('withCarriedCandidates', () => {
  it('carries a name not repeated on its patch, before the task prompt, and renumbers', () => {
    const fresh = [candidate(0, 'frog', 0), candidate(1, 'mouse', 1), candidate(2, 'camouflaged animal', 0, 'task-prompt')];
    const carried = [candidate(4, 'frog', 1), candidate(7, 'mouse', 1), candidate(9, 'camouflaged animal', 0, 'task-prompt')];
    const out = withCarriedCandidates(fresh, carried);
    // frog on patch 1 is carried (repeated only on patch 0); mouse on patch 1 is repeated; the task prompt is never carried.
    expect(out.map((c) => [c.index, c.name, c.patch.index, c.source])).toEqual([
      [0, 'frog', 0, 'proposer'],
      [1, 'mouse', 1, 'proposer'],
      [2, 'frog', 1, 'memory'],
      [3, 'camouflaged animal', 0, 'task-prompt'],
    ]);
  });

  it('returns the candidates unchanged when there is nothing to carry', () => {
    const fresh = [candidate(0, 'frog', 0), candidate(1, 'camouflaged animal', 0, 'task-prompt')];
    expect(withCarriedCandidates(fresh, [])).toEqual(fresh);
    expect(withCarriedCandidates(fresh, [candidate(5, 'frog', 0, 'memory')])).toEqual(fresh);
  });
});
