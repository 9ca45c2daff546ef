/**
 * Patch division for HCG (INT.md section 1): the whole image, its 4 halves, its 4 quarters.
 * Halves and quarters of an odd side overlap by one pixel (ours) so that both parts have the same size.
 */
import type { Box } from '../image';
import type { PatchScale } from './config';

export type PatchName = 'whole' | 'left' | 'right' | 'top' | 'bottom' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface Patch {
  readonly name: PatchName;
  readonly scale: PatchScale;
  /** In pixels of the full image; exclusive ends. */
  readonly rect: Box;
}

/** The patches of the given scales, in the order whole, halves (left, right, top, bottom), quarters (row-major). */
export function patchLayout(width: number, height: number, scales: readonly PatchScale[]): Patch[] {
  const firstX = Math.ceil(width / 2);
  const secondX = Math.floor(width / 2);
  const firstY = Math.ceil(height / 2);
  const secondY = Math.floor(height / 2);
  const patches: Patch[] = [];
  if (scales.includes('whole')) patches.push({ name: 'whole', scale: 'whole', rect: { x1: 0, y1: 0, x2: width, y2: height } });
  if (scales.includes('halves')) {
    patches.push(
      { name: 'left', scale: 'halves', rect: { x1: 0, y1: 0, x2: firstX, y2: height } },
      { name: 'right', scale: 'halves', rect: { x1: secondX, y1: 0, x2: width, y2: height } },
      { name: 'top', scale: 'halves', rect: { x1: 0, y1: 0, x2: width, y2: firstY } },
      { name: 'bottom', scale: 'halves', rect: { x1: 0, y1: secondY, x2: width, y2: height } },
    );
  }
  if (scales.includes('quarters')) {
    patches.push(
      { name: 'top-left', scale: 'quarters', rect: { x1: 0, y1: 0, x2: firstX, y2: firstY } },
      { name: 'top-right', scale: 'quarters', rect: { x1: secondX, y1: 0, x2: width, y2: firstY } },
      { name: 'bottom-left', scale: 'quarters', rect: { x1: 0, y1: secondY, x2: firstX, y2: height } },
      { name: 'bottom-right', scale: 'quarters', rect: { x1: secondX, y1: secondY, x2: width, y2: height } },
    );
  }
  return patches;
}

export function wholePatch(width: number, height: number): Patch {
  return { name: 'whole', scale: 'whole', rect: { x1: 0, y1: 0, x2: width, y2: height } };
}
