/**
 * Label colours: a palette of distinct hues that read well as overlays on a dark UI and on photos,
 * the colour a new label gets, and the colour of a label the project does not list (stable per name).
 */
import type { Label } from '../../../../shared/dto/projects';

export const LABEL_PALETTE: readonly string[] = [
  '#4c8dff',
  '#f5a524',
  '#2fc68a',
  '#ef5a6f',
  '#a77bf3',
  '#22c3d6',
  '#f0d43a',
  '#ff7ab8',
  '#8fd14f',
  '#ff8a4c',
  '#7f8cff',
  '#c9a27e',
];

/** The first palette colour no existing label uses; cycles when all are taken. */
export function nextLabelColor(existing: readonly string[]): string {
  const used = new Set(existing.map((color) => color.toLowerCase()));
  return LABEL_PALETTE.find((color) => !used.has(color)) ?? LABEL_PALETTE[existing.length % LABEL_PALETTE.length] ?? '#4c8dff';
}

/** A stable palette colour for a name (FNV-1a hash), for labels that are not in the project. */
export function colorForName(name: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return LABEL_PALETTE[hash % LABEL_PALETTE.length] ?? '#4c8dff';
}

/** The label's colour from the project, or a stable fallback. */
export function labelColor(labels: readonly Label[], name: string): string {
  return labels.find((label) => label.name === name)?.color ?? colorForName(name);
}
