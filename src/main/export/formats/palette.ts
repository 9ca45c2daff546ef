/**
 * Palette of png-palette: index 0 is background (black), index k the colour of the category with
 * id k when the project gave one, otherwise the PASCAL VOC colour of k (the bit-interleaved palette
 * most segmentation tools assume).
 */
import type { ExportCategory, Rgb } from './model';

export function vocColor(index: number): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  let c = index;
  for (let j = 0; j < 8; j++) {
    r |= ((c >> 0) & 1) << (7 - j);
    g |= ((c >> 1) & 1) << (7 - j);
    b |= ((c >> 2) & 1) << (7 - j);
    c >>= 3;
  }
  return [r, g, b];
}

/** 256 entries, as [r, g, b] triples. */
export function categoryPalette(categories: readonly ExportCategory[]): Rgb[] {
  const palette: Rgb[] = Array.from({ length: 256 }, (_, i) => vocColor(i));
  palette[0] = [0, 0, 0];
  for (const category of categories) if (category.color) palette[category.id] = category.color;
  return palette;
}
