/**
 * The start-run form as plain state: what a person edits (the iteration count as typed text), the
 * paper's defaults (INT.md: CLIP route, I = 5, all scales, nothing ablated, no early stop), the
 * explanations shown beside each switch, and the conversion to the contract's RunOptions with
 * field errors. The server validates again; these checks only save a round trip.
 */
import { ABLATIONS, SCALES, resolveRunOptions, type Ablation, type RunOptions } from '../../../../shared/dto/runs';

export type Route = NonNullable<RunOptions['route']>;
export type Scale = (typeof SCALES)[number];

export interface RunForm {
  readonly route: Route;
  /** As typed, so a half-edited number is not rewritten under the cursor. */
  readonly iterations: string;
  readonly scales: readonly Scale[];
  readonly ablate: readonly Ablation[];
  readonly earlyStop: boolean;
}

const PAPER = resolveRunOptions({});

export const PAPER_DEFAULT_FORM: RunForm = {
  route: PAPER.route,
  iterations: String(PAPER.iterations),
  scales: PAPER.scales,
  ablate: PAPER.ablate,
  earlyStop: PAPER.earlyStop,
};

export const MAX_ITERATIONS = 20;

export interface RouteInfo {
  readonly title: string;
  readonly detail: string;
}

export const ROUTE_INFO: Record<Route, RouteInfo> = {
  clip: { title: 'CLIP (fast)', detail: 'Score = CLIP probability of the name among the candidate names. Same negative mining, much cheaper.' },
  vlm: { title: 'VLM (faithful)', detail: "Score = the VLM's own probability of answering the name (teacher-forced logits), as in the paper. Needs a chat VLM in the pack." },
};

export interface ScaleInfo {
  readonly title: string;
  readonly patches: number;
}

export const SCALE_INFO: Record<Scale, ScaleInfo> = {
  whole: { title: 'Whole image', patches: 1 },
  halves: { title: 'Halves', patches: 4 },
  quarters: { title: 'Quarters', patches: 4 },
};

export interface AblationInfo {
  readonly short: string;
  readonly title: string;
  /** What the run does instead when the module is switched off. */
  readonly whenOff: string;
  /** MAE on CHAMELEON without the module, from the paper's Table 3 (full INT: 0.039). */
  readonly paperMae: number;
}

export const ABLATION_INFO: Record<Ablation, AblationInfo> = {
  hcg: {
    short: 'HCG',
    title: 'Hallucination-driven candidate generation',
    whenOff: 'Whole image only, with the task prompt as the only candidate name.',
    paperMae: 0.071,
  },
  psnm: {
    short: 'PSNM',
    title: 'Prompt selection with negative mining',
    whenOff: 'Takes the first candidate instead of the one whose removal costs the most confidence (argmax D).',
    paperMae: 0.083,
  },
  pnm: {
    short: 'PNM',
    title: 'Progressive negative mining',
    whenOff: 'Each iteration chooses afresh: no cumulative product of D over iterations.',
    paperMae: 0.06,
  },
  smg: {
    short: 'SMG',
    title: 'Semantic mask generation',
    whenOff: 'Segments from the VLM box alone: no detector, no CLIP points, no CLIP-weighted fusion.',
    paperMae: 0.053,
  },
};

/** MAE of full INT on CHAMELEON in the same table, for comparison with ABLATION_INFO. */
export const PAPER_FULL_MAE = 0.039;

export function patchCount(scales: readonly Scale[]): number {
  return scales.reduce((sum, scale) => sum + SCALE_INFO[scale].patches, 0);
}

/** Adds or removes one item, keeping the contract's canonical order. */
export function toggleIn<T extends string>(list: readonly T[], item: T, order: readonly T[]): T[] {
  const set = new Set(list);
  if (set.has(item)) set.delete(item);
  else set.add(item);
  return order.filter((candidate) => set.has(candidate));
}

export function toggleScale(form: RunForm, scale: Scale): RunForm {
  return { ...form, scales: toggleIn(form.scales, scale, SCALES) };
}

export function toggleAblation(form: RunForm, ablation: Ablation): RunForm {
  return { ...form, ablate: toggleIn(form.ablate, ablation, ABLATIONS) };
}

export function isPaperDefault(form: RunForm): boolean {
  return (
    form.route === PAPER_DEFAULT_FORM.route &&
    form.iterations.trim() === PAPER_DEFAULT_FORM.iterations &&
    form.scales.join() === PAPER_DEFAULT_FORM.scales.join() &&
    form.ablate.length === 0 &&
    form.earlyStop === PAPER_DEFAULT_FORM.earlyStop
  );
}

export type RunFormField = 'iterations' | 'scales';

export type RunFormResult =
  | { readonly ok: true; readonly options: Required<RunOptions> }
  | { readonly ok: false; readonly errors: Partial<Record<RunFormField, string>> };

export function formToOptions(form: RunForm): RunFormResult {
  const errors: Partial<Record<RunFormField, string>> = {};
  const text = form.iterations.trim();
  const iterations = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    errors.iterations = `expected a whole number from 1 to ${MAX_ITERATIONS}, got ${text === '' ? 'nothing' : JSON.stringify(text)}`;
  }
  if (form.scales.length === 0) errors.scales = 'choose at least one patch scale';
  if (errors.iterations !== undefined || errors.scales !== undefined) return { ok: false, errors };
  return {
    ok: true,
    options: { route: form.route, iterations, scales: [...form.scales], ablate: [...form.ablate], earlyStop: form.earlyStop },
  };
}

/** The form that repeats a previous run's options. */
export function formFromOptions(options: Required<RunOptions>): RunForm {
  return { route: options.route, iterations: String(options.iterations), scales: [...options.scales], ablate: [...options.ablate], earlyStop: options.earlyStop };
}
