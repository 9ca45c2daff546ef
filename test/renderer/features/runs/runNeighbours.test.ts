import { describe, expect, it } from 'vitest';
import type { RunImage } from '../../../../src/shared/dto/runs';
import { findRunNeighbours } from '../../../../src/renderer/src/features/runs/runNeighbours';

const item = (imageId: number): RunImage => ({ imageId, fileName: `i${imageId}.png`, status: 'done', error: null, uncertainty: 1 / imageId, finalIteration: 1 });

describe('neighbours in a run list', () => {
  it('finds the image in the window and its previous and next', () => {
    expect(findRunNeighbours({ total: 10, items: [item(7), item(3), item(9)] }, 4, 3)).toEqual({
      index: 5,
      total: 10,
      previous: { id: 7, fileName: 'i7.png' },
      next: { id: 9, fileName: 'i9.png' },
    });
    expect(findRunNeighbours({ total: 2, items: [item(3), item(9)] }, 0, 3)).toMatchObject({ index: 0, previous: null, next: { id: 9 } });
  });

  it('says the hint was wrong when the image is not in the window', () => {
    expect(findRunNeighbours({ total: 10, items: [item(7)] }, 0, 3)).toEqual({ index: null, total: 10, previous: null, next: null });
  });
});
