/**
 * The published numbers of INT and its baselines (INT.md section 8): paper protocol, columns
 * M / F_beta / E_phi / S_alpha = MAE / weighted F-measure (beta^2 = 0.3) / mean E-measure / S-measure.
 * In core/metrics keys: MAE / wFm / meanEm / Sm of a paper-protocol evaluation.
 */

export interface PaperScores {
  readonly MAE: number;
  readonly wFm: number;
  readonly meanEm: number;
  readonly Sm: number;
}

export interface PaperDataset {
  readonly id: string;
  readonly name: string;
  /** The kind of task the dataset stands for, in words. */
  readonly task: string;
  readonly methods: readonly { readonly method: 'INT' | 'ProMaC' | 'GenSAM'; readonly scores: PaperScores }[];
}

function scores(MAE: number, wFm: number, meanEm: number, Sm: number): PaperScores {
  return { MAE, wFm, meanEm, Sm };
}

export const PAPER_DATASETS: readonly PaperDataset[] = [
  {
    id: 'chameleon',
    name: 'CHAMELEON',
    task: 'camouflaged object',
    methods: [
      { method: 'INT', scores: scores(0.039, 0.801, 0.906, 0.842) },
      { method: 'ProMaC', scores: scores(0.044, 0.79, 0.899, 0.833) },
      { method: 'GenSAM', scores: scores(0.073, 0.696, 0.806, 0.774) },
    ],
  },
  {
    id: 'camo',
    name: 'CAMO',
    task: 'camouflaged object',
    methods: [
      { method: 'INT', scores: scores(0.086, 0.734, 0.853, 0.772) },
      { method: 'ProMaC', scores: scores(0.09, 0.725, 0.846, 0.767) },
      { method: 'GenSAM', scores: scores(0.106, 0.669, 0.798, 0.729) },
    ],
  },
  {
    id: 'cod10k',
    name: 'COD10K',
    task: 'camouflaged object',
    methods: [
      { method: 'INT', scores: scores(0.037, 0.722, 0.883, 0.808) },
      { method: 'ProMaC', scores: scores(0.042, 0.716, 0.876, 0.805) },
      { method: 'GenSAM', scores: scores(0.058, 0.695, 0.843, 0.783) },
    ],
  },
  {
    id: 'cvc-colondb',
    name: 'CVC-ColonDB',
    task: 'polyp',
    methods: [
      { method: 'INT', scores: scores(0.172, 0.25, 0.589, 0.537) },
      { method: 'ProMaC', scores: scores(0.176, 0.243, 0.583, 0.53) },
      { method: 'GenSAM', scores: scores(0.244, 0.059, 0.494, 0.379) },
    ],
  },
  {
    id: 'kvasir',
    name: 'Kvasir',
    task: 'polyp',
    methods: [
      { method: 'INT', scores: scores(0.161, 0.401, 0.732, 0.574) },
      { method: 'ProMaC', scores: scores(0.166, 0.394, 0.726, 0.573) },
      { method: 'GenSAM', scores: scores(0.172, 0.21, 0.619, 0.487) },
    ],
  },
  {
    id: 'isic',
    name: 'ISIC',
    task: 'skin lesion',
    methods: [
      { method: 'INT', scores: scores(0.152, 0.733, 0.771, 0.708) },
      { method: 'ProMaC', scores: scores(0.16, 0.728, 0.766, 0.703) },
      { method: 'GenSAM', scores: scores(0.171, 0.699, 0.744, 0.678) },
    ],
  },
];

/**
 * The dataset whose published numbers a project compares with by default, from its task prompt:
 * polyp -> Kvasir, camouflaged -> COD10K, skin lesion -> ISIC; null when the prompt names none of them.
 */
export function defaultPaperDataset(taskPrompt: string): PaperDataset | null {
  const prompt = taskPrompt.toLowerCase();
  const pick = (id: string): PaperDataset | null => PAPER_DATASETS.find((dataset) => dataset.id === id) ?? null;
  if (/polyp|colon/.test(prompt)) return pick('kvasir');
  if (/camouflag|conceal/.test(prompt)) return pick('cod10k');
  if (/skin|lesion|melanoma|dermo/.test(prompt)) return pick('isic');
  return null;
}

export function paperDataset(id: string): PaperDataset | null {
  return PAPER_DATASETS.find((dataset) => dataset.id === id) ?? null;
}
