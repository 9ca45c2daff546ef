/** Geometry and keyboard movement of the thumbnail grid, as pure functions. */

/** How many cells of at least `minCellWidth` fit in `width` with `gap` between them (at least one). */
export function gridColumns(width: number, minCellWidth: number, gap: number): number {
  if (!(width > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (minCellWidth + gap)));
}

/** Width of each cell when `columns` cells and their gaps share `width` exactly. */
export function cellWidth(width: number, columns: number, gap: number): number {
  return Math.max(1, (width - gap * (columns - 1)) / columns);
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export function isGridKey(key: string): key is GridKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);
}

/**
 * The index the selection moves to. Left/right step through the reading order (wrapping rows), up/down
 * keep the column, PageUp/PageDown move `pageRows` rows, Home/End go to the ends. The result stays in
 * [0, total); a grid with nothing in it has no selection (null). No selection yet starts at 0.
 */
export function moveGridSelection(index: number | null, key: GridKey, columns: number, total: number, pageRows: number): number | null {
  if (total <= 0) return null;
  const last = total - 1;
  if (index === null) return key === 'End' ? last : 0;
  const clamp = (value: number): number => Math.min(last, Math.max(0, value));
  const rows = Math.max(1, pageRows);
  switch (key) {
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'ArrowDown':
      // The last row may be short: moving down from above its end lands on the last item.
      return index + columns <= last ? index + columns : Math.floor(index / columns) < Math.floor(last / columns) ? last : index;
    case 'PageUp':
      return clamp(index - columns * rows);
    case 'PageDown':
      return clamp(index + columns * rows);
    case 'Home':
      return 0;
    case 'End':
      return last;
  }
}
