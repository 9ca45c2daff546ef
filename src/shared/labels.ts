/**
 * Label colours: a categorical palette (Tableau 10, colour-blind friendly order) assigned in order to
 * labels given by name; an explicit colour is kept. The same palette drives overlays and png-palette export.
 */
export const LABEL_PALETTE: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

export interface NamedLabel {
  readonly name: string;
  readonly color: string;
}

export function assignLabelColors(labels: readonly (string | NamedLabel)[]): NamedLabel[] {
  return labels.map((label, index) =>
    typeof label === 'string' ? { name: label, color: LABEL_PALETTE[index % LABEL_PALETTE.length] ?? '#1f77b4' } : { name: label.name, color: label.color.toLowerCase() },
  );
}
