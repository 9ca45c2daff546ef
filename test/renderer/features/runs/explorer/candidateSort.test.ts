import { describe, expect, it } from 'vitest';
import { DEFAULT_CANDIDATE_SORT, nextSort, sortCandidates } from '../../../../../src/renderer/src/features/runs/explorer/candidateSort';
import { candidate, iterationOne } from '../traceFixture';

const indices = (list: readonly { index: number }[]): number[] => list.map((entry) => entry.index);

describe('sorting candidates', () => {
  const { candidates } = iterationOne();

  it('puts the highest Dnorm first by default', () => {
    expect(indices(sortCandidates(candidates, DEFAULT_CANDIDATE_SORT))).toEqual([5, 3, 7, 0, 6, 8, 1, 2]);
  });

  it('sorts patches in layout order and names alphabetically', () => {
    expect(sortCandidates(candidates, { key: 'patch', direction: 'ascending' }).map((entry) => entry.patch)).toEqual(['whole', 'whole', 'left', 'right', 'top', 'top-left', 'top-right', 'bottom-left']);
    expect(sortCandidates(candidates, { key: 'name', direction: 'descending' })[0]?.name).toBe('octopus');
  });

  it('keeps unknown values last in both directions and ties in trace order', () => {
    const list = [candidate({ index: 0, patch: 'whole', name: 'a', d: null }), candidate({ index: 1, patch: 'left', name: 'b', d: 0.2 }), candidate({ index: 2, patch: 'right', name: 'c', d: 0.2 }), candidate({ index: 3, patch: 'top', name: 'd', d: 0.1 })];
    expect(indices(sortCandidates(list, { key: 'd', direction: 'descending' }))).toEqual([1, 2, 3, 0]);
    expect(indices(sortCandidates(list, { key: 'd', direction: 'ascending' }))).toEqual([3, 1, 2, 0]);
  });

  it('flips the direction on the same column and starts text A-Z, numbers high first', () => {
    expect(nextSort({ key: 'd', direction: 'descending' }, 'd')).toEqual({ key: 'd', direction: 'ascending' });
    expect(nextSort({ key: 'd', direction: 'descending' }, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'before')).toEqual({ key: 'before', direction: 'descending' });
  });
});
