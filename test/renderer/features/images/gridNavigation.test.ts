import { describe, expect, it } from 'vitest';
import { cellWidth, gridColumns, isGridKey, moveGridSelection } from '../../../../src/renderer/src/features/images/gridNavigation';

describe('grid geometry', () => {
  it('fits as many minimum-width cells as the width allows, at least one', () => {
    expect(gridColumns(1000, 160, 12)).toBe(5);
    expect(gridColumns(160, 160, 12)).toBe(1);
    expect(gridColumns(100, 160, 12)).toBe(1);
    expect(gridColumns(0, 160, 12)).toBe(1);
    expect(gridColumns(Number.NaN, 160, 12)).toBe(1);
  });

  it('shares the width exactly between cells and gaps', () => {
    const columns = gridColumns(1000, 160, 12);
    const width = cellWidth(1000, columns, 12);
    expect(width * columns + 12 * (columns - 1)).toBeCloseTo(1000, 9);
  });
});

describe('moveGridSelection', () => {
  // 4 columns, 10 items: rows [0..3] [4..7] [8, 9]
  const move = (index: number | null, key: Parameters<typeof moveGridSelection>[1]) => moveGridSelection(index, key, 4, 10, 2);

  it('steps left and right in reading order, wrapping rows, stopping at the ends', () => {
    expect(move(3, 'ArrowRight')).toBe(4);
    expect(move(4, 'ArrowLeft')).toBe(3);
    expect(move(0, 'ArrowLeft')).toBe(0);
    expect(move(9, 'ArrowRight')).toBe(9);
  });

  it('keeps the column going up and down', () => {
    expect(move(5, 'ArrowDown')).toBe(9);
    expect(move(5, 'ArrowUp')).toBe(1);
    expect(move(1, 'ArrowUp')).toBe(1);
  });

  it('lands on the last item when the row below is short', () => {
    expect(move(7, 'ArrowDown')).toBe(9);
    expect(move(9, 'ArrowDown')).toBe(9);
  });

  it('moves a page of rows and jumps to the ends', () => {
    expect(move(1, 'PageDown')).toBe(9);
    expect(move(9, 'PageUp')).toBe(1);
    expect(move(6, 'Home')).toBe(0);
    expect(move(2, 'End')).toBe(9);
  });

  it('starts at the first item when nothing is selected, and has no selection in an empty grid', () => {
    expect(move(null, 'ArrowDown')).toBe(0);
    expect(move(null, 'End')).toBe(9);
    expect(moveGridSelection(3, 'ArrowRight', 4, 0, 2)).toBeNull();
  });

  it('recognises only navigation keys', () => {
    expect(isGridKey('ArrowUp')).toBe(true);
    expect(isGridKey('Enter')).toBe(false);
    expect(isGridKey('a')).toBe(false);
  });
});
