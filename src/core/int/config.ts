/**
 * Every hyperparameter of one INT run, in one typed object with the paper's defaults, and a pure
 * validator (core cannot import zod; src/shared wraps this with a schema of the same shape).
 */
import type { ScoreRoute } from '../ports';

export type PatchScale = 'whole' | 'halves' | 'quarters';
export const PATCH_SCALES: readonly PatchScale[] = ['whole', 'halves', 'quarters'];

/** The module switches of INT.md section 6 (paper Table 3). `true` = the module is on. */
export interface IntAblation {
  /** Hallucination-driven candidate generation. Off: the whole image only, the task prompt the only candidate. */
  readonly hcg: boolean;
  /** Prompt selection with negative mining. Off: the first candidate instead of argmax D (no D is computed). */
  readonly psnm: boolean;
  /** Progressive negative mining. Off: D_i is not multiplied by Dnorm_{i-1}. */
  readonly pnm: boolean;
  /**
   * Semantic mask generation. Off (ours, "segment from the VLM box alone"): the Segmenter is prompted with the
   * chosen candidate's VLM box only: no detector, no point prompts, no CLIP fusion; M_i = minmax(best mask).
   */
  readonly smg: boolean;
}

export interface IntConfig {
  /** I: number of iterations (paper: 5). */
  readonly iterations: number;
  /** Patch scales for HCG (paper: all three, 9 patches). */
  readonly scales: readonly PatchScale[];
  /** w of the reweighting X_{i+1} = w * (X_i * M_i) + (1 - w) * X_i (paper: 0.3). */
  readonly reweightW: number;
  /** Floor of D before the PNM product (ours: 1e-6). */
  readonly eps: number;
  /** Binarisation threshold: previous-mask regions for PSNM (M > t) and the final binary mask (0.5). */
  readonly maskThreshold: number;
  /** GenSAM's early stop: off by default. */
  readonly earlyStop: boolean;
  /** Early stop when the mean absolute change of M_i is below this ... */
  readonly earlyStopTolerance: number;
  /** ... this many iterations in a row ("twice in a row"). */
  readonly earlyStopPatience: number;
  /** Which Score the run expects; must equal the Scorer port's route (checked at run start). */
  readonly route: ScoreRoute;
  /** At most this many detector boxes are segmented per iteration (ours: INT.md says "all"; 10 bounds the cost). */
  readonly maxBoxes: number;
  readonly ablation: IntAblation;
}

export const INT_DEFAULTS: IntConfig = {
  iterations: 5,
  scales: PATCH_SCALES,
  reweightW: 0.3,
  eps: 1e-6,
  maskThreshold: 0.5,
  earlyStop: false,
  earlyStopTolerance: 0.003,
  earlyStopPatience: 2,
  route: 'clip',
  maxBoxes: 10,
  ablation: { hcg: true, psnm: true, pnm: true, smg: true },
};

/** One problem in a configuration: which field, what it should be, what it is. */
export interface ConfigIssue {
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

export type ConfigValidation = { readonly ok: true; readonly value: IntConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export class IntConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(`invalid INT configuration: ${issues.map((i) => `${i.path}: expected ${i.expected}, found ${i.found}`).join('; ')}`);
    this.name = 'IntConfigError';
    this.issues = issues;
  }
}

/** A partial configuration: any field may be left out and takes its default. */
export type IntConfigInput = Partial<Omit<IntConfig, 'ablation'>> & { readonly ablation?: Partial<IntAblation> };

/** Validates a complete configuration (every field present, no unknown field). */
export function validateIntConfig(input: unknown): ConfigValidation {
  const issues: ConfigIssue[] = [];
  if (!isRecord(input)) return { ok: false, issues: [{ path: '', expected: 'an object', found: describe(input) }] };
  checkKeys(input, Object.keys(INT_DEFAULTS), '', issues);
  const integer = (path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): void => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      issues.push({ path, expected: `an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? 'inf' : max}]`, found: describe(value) });
    }
  };
  const real = (path: string, value: unknown, expected: string, ok: (v: number) => boolean): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) issues.push({ path, expected, found: describe(value) });
  };
  const bool = (path: string, value: unknown): void => {
    if (typeof value !== 'boolean') issues.push({ path, expected: 'a boolean', found: describe(value) });
  };
  integer('iterations', input.iterations, 1, 100);
  const scales = input.scales;
  if (!Array.isArray(scales) || scales.length === 0) {
    issues.push({ path: 'scales', expected: `a non-empty list of ${PATCH_SCALES.join(' | ')}`, found: describe(scales) });
  } else {
    scales.forEach((scale: unknown, index) => {
      if (typeof scale !== 'string' || !(PATCH_SCALES as readonly string[]).includes(scale)) {
        issues.push({ path: `scales[${index}]`, expected: PATCH_SCALES.join(' | '), found: describe(scale) });
      } else if (scales.indexOf(scale) !== index) {
        issues.push({ path: `scales[${index}]`, expected: 'each scale at most once', found: describe(scale) });
      }
    });
  }
  real('reweightW', input.reweightW, 'a number in [0, 1]', (v) => v >= 0 && v <= 1);
  real('eps', input.eps, 'a number in (0, 0.01]', (v) => v > 0 && v <= 0.01);
  real('maskThreshold', input.maskThreshold, 'a number in (0, 1)', (v) => v > 0 && v < 1);
  bool('earlyStop', input.earlyStop);
  real('earlyStopTolerance', input.earlyStopTolerance, 'a number in (0, 1)', (v) => v > 0 && v < 1);
  integer('earlyStopPatience', input.earlyStopPatience, 1, 100);
  if (input.route !== 'clip' && input.route !== 'vlm') issues.push({ path: 'route', expected: '"clip" | "vlm"', found: describe(input.route) });
  integer('maxBoxes', input.maxBoxes, 1, 1000);
  const ablation = input.ablation;
  if (!isRecord(ablation)) {
    issues.push({ path: 'ablation', expected: 'an object { hcg, psnm, pnm, smg }', found: describe(ablation) });
  } else {
    checkKeys(ablation, Object.keys(INT_DEFAULTS.ablation), 'ablation.', issues);
    for (const key of Object.keys(INT_DEFAULTS.ablation)) bool(`ablation.${key}`, ablation[key]);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: input as unknown as IntConfig };
}

/** Fills the defaults into a partial configuration, then validates it. */
export function resolveIntConfig(input: unknown = {}): ConfigValidation {
  if (!isRecord(input)) return { ok: false, issues: [{ path: '', expected: 'an object', found: describe(input) }] };
  const ablation = input.ablation === undefined ? {} : input.ablation;
  const merged: Record<string, unknown> = {
    ...INT_DEFAULTS,
    ...input,
    ablation: isRecord(ablation) ? { ...INT_DEFAULTS.ablation, ...ablation } : ablation,
  };
  return validateIntConfig(merged);
}

/** resolveIntConfig, throwing IntConfigError on a bad field. */
export function intConfig(input: IntConfigInput = {}): IntConfig {
  const result = resolveIntConfig(input);
  if (!result.ok) throw new IntConfigError(result.issues);
  return result.value;
}

function checkKeys(record: Record<string, unknown>, allowed: readonly string[], prefix: string, issues: ConfigIssue[]): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) issues.push({ path: `${prefix}${key}`, expected: `no such field (known: ${allowed.join(', ')})`, found: describe(record[key]) });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
}
