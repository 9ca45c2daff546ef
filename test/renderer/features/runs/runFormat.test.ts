import { describe, expect, it } from 'vitest';
import {
  ablationSummary,
  elapsedMs,
  formatD,
  formatDrop,
  formatFactor,
  formatMs,
  formatProbability,
  formatShare,
  optionsSummary,
  runStatusTone,
  uncertaintyTone,
} from '../../../../src/renderer/src/features/runs/runFormat';

describe('run formats', () => {
  it('writes D in fixed decimals down to 0.001 and in short scientific notation below', () => {
    expect(formatD(0.0924)).toBe('0.0924');
    expect(formatD(0.001)).toBe('0.0010');
    expect(formatD(0.00054)).toBe('5.4e-4');
    expect(formatD(3.33e-8)).toBe('3.3e-8');
    expect(formatD(1e-6)).toBe('1.0e-6');
    expect(formatD(0)).toBe('0');
    expect(formatD(1.5)).toBe('1.50');
    expect(formatD(null)).toBe('—');
    expect(formatD(Number.NaN)).toBe('—');
  });

  it('writes probabilities, shares, drops and PNM factors', () => {
    expect(formatProbability(0.04332)).toBe('0.043');
    expect(formatProbability(null)).toBe('—');
    expect(formatShare(0.4174)).toBe('41.7%');
    expect(formatShare(0.00002)).toBe('<0.1%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(1)).toBe('100%');
    expect(formatDrop(0.0924)).toBe('−0.092');
    expect(formatDrop(-0.0012)).toBe('+0.001');
    expect(formatDrop(0.00001)).toBe('0.000');
    expect(formatFactor(0.7112)).toBe('×0.71');
    expect(formatFactor(0.0294)).toBe('×0.03');
    expect(formatFactor(0.0025)).toBe('×2.5e-3');
    expect(formatFactor(null)).toBe('—');
  });

  it('writes durations from milliseconds to hours', () => {
    expect(formatMs(359.4)).toBe('359 ms');
    expect(formatMs(1234)).toBe('1.2 s');
    expect(formatMs(24_316)).toBe('24 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
    expect(formatMs(120_000)).toBe('2 min');
    expect(formatMs(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatMs(null)).toBe('—');
  });

  it('measures elapsed time between timestamps, or until now while running', () => {
    expect(elapsedMs('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:24.500Z')).toBe(24_500);
    expect(elapsedMs('2026-01-01T00:00:00.000Z', null, Date.parse('2026-01-01T00:01:00.000Z'))).toBe(60_000);
    expect(elapsedMs(null, null)).toBeNull();
    expect(elapsedMs('not a time', null)).toBeNull();
  });

  it('summarises options in one line', () => {
    expect(optionsSummary({ route: 'clip', iterations: 5, scales: ['whole', 'halves', 'quarters'], ablate: [], earlyStop: false })).toBe('CLIP route · 5 iterations · all scales · all modules');
    expect(optionsSummary({ route: 'vlm', iterations: 1, scales: ['whole', 'halves'], ablate: ['pnm', 'smg'], earlyStop: true })).toBe('VLM route · 1 iteration · whole + halves · without PNM, SMG · early stop');
    expect(ablationSummary(['hcg'])).toBe('without HCG');
  });

  it('gives statuses and uncertainties a tone', () => {
    expect(runStatusTone('running')).toBe('accent');
    expect(runStatusTone('done')).toBe('success');
    expect(runStatusTone('cancelled')).toBe('warning');
    expect(runStatusTone('failed')).toBe('danger');
    expect(uncertaintyTone(0.05)).toBe('low');
    expect(uncertaintyTone(0.2)).toBe('medium');
    expect(uncertaintyTone(0.49)).toBe('high');
  });
});
