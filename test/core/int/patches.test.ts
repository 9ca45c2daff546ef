import { describe, expect, it } from 'vitest';
import { patchLayout } from '../../../src/core/int/patches';

describe('patchLayout', () => {
  it('divides an even image into the whole, 4 halves and 4 quarters', () => {
    const patches = patchLayout(8, 6, ['whole', 'halves', 'quarters']);
    expect(patches.map((p) => [p.name, p.rect])).toEqual([
      ['whole', { x1: 0, y1: 0, x2: 8, y2: 6 }],
      ['left', { x1: 0, y1: 0, x2: 4, y2: 6 }],
      ['right', { x1: 4, y1: 0, x2: 8, y2: 6 }],
      ['top', { x1: 0, y1: 0, x2: 8, y2: 3 }],
      ['bottom', { x1: 0, y1: 3, x2: 8, y2: 6 }],
      ['top-left', { x1: 0, y1: 0, x2: 4, y2: 3 }],
      ['top-right', { x1: 4, y1: 0, x2: 8, y2: 3 }],
      ['bottom-left', { x1: 0, y1: 3, x2: 4, y2: 6 }],
      ['bottom-right', { x1: 4, y1: 3, x2: 8, y2: 6 }],
    ]);
  });

  it('gives both halves of an odd side the same size (one shared pixel)', () => {
    const [left, right] = patchLayout(7, 5, ['halves']);
    expect(left?.rect).toEqual({ x1: 0, y1: 0, x2: 4, y2: 5 });
    expect(right?.rect).toEqual({ x1: 3, y1: 0, x2: 7, y2: 5 });
  });

  it('honours the configured scales', () => {
    expect(patchLayout(8, 8, ['whole']).map((p) => p.name)).toEqual(['whole']);
    expect(patchLayout(8, 8, ['quarters', 'whole']).map((p) => p.name)).toEqual(['whole', 'top-left', 'top-right', 'bottom-left', 'bottom-right']);
  });
});
