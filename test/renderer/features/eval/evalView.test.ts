import { describe, expect, it } from 'vitest';
import type { EvaluationCurves } from '../../../../src/shared/dto/evaluation';
import { defaultPaperDataset, PAPER_DATASETS } from '../../../../src/shared/paper-results';
import {
  bestThreshold,
  chosenPaperDataset,
  compareWithPaper,
  fMeasureSeries,
  formatMetric,
  nextSort,
  precisionRecallSeries,
  WORST_FIRST,
} from '../../../../src/renderer/src/features/eval/evalView';

function curves(fill: (t: number) => { precision: number; recall: number; fm: number }): EvaluationCurves {
  const points = Array.from({ length: 256 }, (_, t) => fill(t));
  return { precision: points.map((p) => p.precision), recall: points.map((p) => p.recall), fm: points.map((p) => p.fm), em: points.map(() => 0.5) };
}

describe('the paper comparison', () => {
  it('defaults by task prompt: polyp -> Kvasir, camouflaged -> COD10K, skin lesion -> ISIC, else nothing', () => {
    expect(defaultPaperDataset('polyp')?.name).toBe('Kvasir');
    expect(defaultPaperDataset('Colon polyps in endoscopy')?.name).toBe('Kvasir');
    expect(defaultPaperDataset('camouflaged animal')?.name).toBe('COD10K');
    expect(defaultPaperDataset('skin lesion')?.name).toBe('ISIC');
    expect(defaultPaperDataset('car')).toBeNull();
    expect(chosenPaperDataset(null, 'polyp')?.id).toBe('kvasir');
    expect(chosenPaperDataset('camo', 'polyp')?.name).toBe('CAMO');
    expect(chosenPaperDataset('none', 'polyp')).toBeNull();
    expect(chosenPaperDataset('no-such-dataset', 'skin lesion')?.id).toBe('isic');
  });

  it('holds the six datasets of INT.md section 8 with INT first', () => {
    expect(PAPER_DATASETS.map((dataset) => dataset.name)).toEqual(['CHAMELEON', 'CAMO', 'COD10K', 'CVC-ColonDB', 'Kvasir', 'ISIC']);
    const kvasir = PAPER_DATASETS.find((dataset) => dataset.id === 'kvasir')!;
    expect(kvasir.methods[0]).toEqual({ method: 'INT', scores: { MAE: 0.161, wFm: 0.401, meanEm: 0.732, Sm: 0.574 } });
  });

  it('compares at three decimals, lower MAE and higher everything else being better', () => {
    expect(compareWithPaper('MAE', 0.0389, 0.039)).toBe('same');
    expect(compareWithPaper('MAE', 0.03, 0.039)).toBe('better');
    expect(compareWithPaper('Sm', 0.85, 0.842)).toBe('better');
    expect(compareWithPaper('wFm', 0.7, 0.801)).toBe('worse');
  });

  it('formats metrics with three decimals and a dash for missing values', () => {
    expect(formatMetric(0.12345)).toBe('0.123');
    expect(formatMetric(null)).toBe('–');
    expect(formatMetric(Number.NaN)).toBe('–');
  });
});

describe('plot series', () => {
  it('orders the PR curve by ascending recall and draws repeated points once', () => {
    // A binary prediction: every threshold above 0 gives the same point.
    const series = precisionRecallSeries(curves((t) => (t === 0 ? { precision: 0.2, recall: 1, fm: 0.2 } : { precision: 0.8, recall: 0.6, fm: 0.7 })));
    expect(series).toEqual({ x: [0.6, 1], y: [0.8, 0.2] });
    const smooth = precisionRecallSeries(curves((t) => ({ precision: 0.5 + t / 512, recall: 1 - t / 255, fm: 0 })));
    expect(smooth.x).toHaveLength(256);
    expect(smooth.x.every((value, index) => index === 0 || value >= smooth.x[index - 1]!)).toBe(true);
  });

  it('plots F against thresholds 0..255 and finds the best one', () => {
    const data = curves((t) => ({ precision: 0, recall: 0, fm: t === 143 || t === 200 ? 0.9 : t / 1000 }));
    expect(fMeasureSeries(data).x).toEqual(Array.from({ length: 256 }, (_, t) => t));
    expect(bestThreshold(data)).toEqual({ threshold: 143, value: 0.9 });
  });
});

describe('per-image sorting', () => {
  it('starts worst first, flips a column on a second click, and starts a new column at its worst', () => {
    expect(WORST_FIRST).toEqual({ key: 'MAE', descending: true });
    expect(nextSort(WORST_FIRST, 'MAE')).toEqual({ key: 'MAE', descending: false });
    expect(nextSort(WORST_FIRST, 'Sm')).toEqual({ key: 'Sm', descending: false });
    expect(nextSort({ key: 'Sm', descending: false }, 'Sm')).toEqual({ key: 'Sm', descending: true });
    expect(nextSort(WORST_FIRST, 'fileName')).toEqual({ key: 'fileName', descending: false });
  });
});
