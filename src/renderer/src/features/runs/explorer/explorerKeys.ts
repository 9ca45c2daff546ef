/**
 * Keys of the iteration explorer (active while the trace tab is open): [ and ] step through the
 * iterations, I jumps to i*, C shows or hides the candidate boxes, M the heat map. They do not clash
 * with the viewer's keys (arrows and A/D change the image, F/1/+/- zoom, H the proposal mask).
 */
export type ExplorerAction = 'previous-iteration' | 'next-iteration' | 'final-iteration' | 'toggle-candidates' | 'toggle-heat';

export function explorerActionForKey(input: { readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly altKey: boolean }): ExplorerAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  switch (input.key) {
    case '[':
    case ',':
      return 'previous-iteration';
    case ']':
    case '.':
      return 'next-iteration';
    case 'i':
    case 'I':
      return 'final-iteration';
    case 'c':
    case 'C':
      return 'toggle-candidates';
    case 'm':
    case 'M':
      return 'toggle-heat';
    default:
      return null;
  }
}

/** The iteration after a step, kept within 1..count. */
export function stepIteration(current: number, delta: number, count: number): number {
  if (count <= 0) return current;
  return Math.min(count, Math.max(1, current + delta));
}
