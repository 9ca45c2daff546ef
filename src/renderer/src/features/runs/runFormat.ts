/**
 * How runs and their numbers read in the UI: status names and tones, one-line option summaries, and
 * the number formats of the INT trace (probabilities, D values that span many orders of magnitude,
 * shares, durations). Pure, so every format is tested.
 */
import type { Ablation, RunSummary } from '../../../../shared/dto/runs';

export type RunStatus = RunSummary['status'];
export type Tone = 'accent' | 'success' | 'warning' | 'danger';

export const RUN_STATUS_TEXT: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  failed: 'Failed',
  done: 'Done',
};

export function runStatusTone(status: RunStatus): Tone {
  switch (status) {
    case 'queued':
    case 'running':
      return 'accent';
    case 'done':
      return 'success';
    case 'paused':
    case 'cancelled':
      return 'warning';
    case 'failed':
      return 'danger';
  }
}

export function isRunActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** Short module names of INT.md section 6, in the paper's order. */
export const ABLATION_SHORT: Record<Ablation, string> = { hcg: 'HCG', psnm: 'PSNM', pnm: 'PNM', smg: 'SMG' };

export function ablationSummary(ablate: readonly Ablation[]): string {
  if (ablate.length === 0) return 'all modules';
  return `without ${ablate.map((name) => ABLATION_SHORT[name]).join(', ')}`;
}

/** "CLIP route · 5 iterations · all scales · all modules" (+ "· early stop"). */
export function optionsSummary(options: RunSummary['options']): string {
  const scales = options.scales.length === 3 ? 'all scales' : options.scales.join(' + ');
  const parts = [
    `${options.route === 'clip' ? 'CLIP' : 'VLM'} route`,
    `${options.iterations} ${options.iterations === 1 ? 'iteration' : 'iterations'}`,
    scales,
    ablationSummary(options.ablate),
  ];
  if (options.earlyStop) parts.push('early stop');
  return parts.join(' · ');
}

/** A probability or confidence in [0, 1] with three decimals ("0.043"); "—" when unknown. */
export function formatProbability(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toFixed(3);
}

/**
 * A D score. D is a drop of confidence multiplied by PNM factors, so it ranges from about 0.1 down
 * to the floor 1e-6 and below (a product of small factors): fixed decimals from 0.001 up, otherwise
 * two significant digits in scientific notation ("3.3e-8").
 */
export function formatD(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 0.001) return value.toFixed(magnitude >= 1 ? 2 : 4);
  const [mantissa = '0', exponent = '0'] = value.toExponential(1).split('e');
  return `${mantissa}e${Number(exponent)}`;
}

/** A share in [0, 1] as a percentage: "41.7%", "<0.1%" for tiny non-zero shares. */
export function formatShare(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value > 0 && value < 0.001) return '<0.1%';
  return `${(value * 100).toFixed(value >= 0.995 ? 0 : 1)}%`;
}

/** A signed change of confidence: "−0.092" / "+0.001". */
export function formatDrop(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(3);
  if (text === '0.000') return '0.000';
  return `${value > 0 ? '−' : '+'}${text}`;
}

/** Milliseconds: "0 ms", "359 ms", "1.2 s", "2 min 5 s". */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 1000);
  if (minutes < 60) return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes - hours * 60} min`;
}

/** Time between two ISO timestamps (the second defaults to now); null when the start is unknown. */
export function elapsedMs(startIso: string | null, endIso: string | null, now: number = Date.now()): number | null {
  if (startIso === null) return null;
  const start = Date.parse(startIso);
  const end = endIso === null ? now : Date.parse(endIso);
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, end - start);
}

/** Colour band of an uncertainty: low (the proposal is consistent), medium, high (review first). */
export function uncertaintyTone(value: number): 'low' | 'medium' | 'high' {
  if (value >= 0.4) return 'high';
  if (value >= 0.2) return 'medium';
  return 'low';
}

/** A PNM factor (a share in [0, 1] carried from the previous iteration): "×0.71", "×0.03", "×2.5e-3". */
export function formatFactor(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value === 0) return '×0';
  if (value >= 0.01) return `×${value.toFixed(2)}`;
  const [mantissa = '0', exponent = '0'] = value.toExponential(1).split('e');
  return `×${mantissa}e${Number(exponent)}`;
}
