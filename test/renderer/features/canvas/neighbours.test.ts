import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../../src/shared/dto/images';
import { findNeighbours, neighbourWindowOffset } from '../../../../src/renderer/src/features/canvas/neighbours';

function image(id: number): ImageSummary {
  return { id, projectId: 1, fileName: `${id}.png`, path: `/d/${id}.png`, width: 4, height: 3, contentHash: 'h', status: 'new', error: null, addedAt: '2025-01-01T00:00:00Z' };
}

describe('neighbours', () => {
  it('asks for the window around the hinted index', () => {
    expect(neighbourWindowOffset(0)).toBe(0);
    expect(neighbourWindowOffset(7)).toBe(6);
  });

  it('finds previous and next around the image', () => {
    const result = findNeighbours({ total: 50, items: [image(4), image(5), image(6)] }, 6, 5);
    expect(result).toEqual({ index: 7, total: 50, previous: image(4), next: image(6) });
  });

  it('has no previous at the start and no next at the end', () => {
    expect(findNeighbours({ total: 2, items: [image(1), image(2)] }, 0, 1)).toMatchObject({ index: 0, previous: null, next: image(2) });
    expect(findNeighbours({ total: 2, items: [image(1), image(2)] }, 0, 2)).toMatchObject({ index: 1, previous: image(1), next: null });
  });

  it('reports an unknown position when the listing changed under the hint', () => {
    expect(findNeighbours({ total: 9, items: [image(1), image(2)] }, 3, 42)).toEqual({ index: null, total: 9, previous: null, next: null });
  });
});
