/** The two plots of an evaluation: the precision-recall curve and the F-measure over thresholds (uPlot). */
import { useMemo, type ReactElement } from 'react';
import type { EvaluationDetail } from '../../../../shared/dto/evaluation';
import { CurveChart } from './CurveChart';
import { bestThreshold, fMeasureSeries, formatMetric, precisionRecallSeries } from './evalView';

const UNIT_RANGE = [0, 1] as const;
const THRESHOLD_RANGE = [0, 255] as const;
const formatThreshold = (value: number): string => String(Math.round(value));

export function EvalCurves({ evaluation }: { readonly evaluation: EvaluationDetail }): ReactElement {
  const curves = evaluation.curves;
  const pr = useMemo(() => (curves === null ? null : precisionRecallSeries(curves)), [curves]);
  const fm = useMemo(() => (curves === null ? null : fMeasureSeries(curves)), [curves]);
  const best = useMemo(() => (curves === null ? null : bestThreshold(curves)), [curves]);
  const marker = useMemo(() => (best === null ? null : { x: best.threshold, y: best.value }), [best]);
  if (curves === null || pr === null || fm === null || best === null) return <p className="field-hint">This evaluation has no curves.</p>;
  const binary = evaluation.protocol === 'paper';
  return (
    <div className="eval-plots">
      <figure className="eval-plot-card">
        <figcaption>
          <span className="eval-plot-title">Precision–recall</span>
          <span className="eval-plot-note">{binary ? 'binary masks under the paper protocol: one operating point' : 'averaged over images at each threshold'}</span>
        </figcaption>
        <CurveChart series={pr} label="precision" xLabel="Recall" yLabel="Precision" xRange={UNIT_RANGE} testId="pr-plot" />
      </figure>
      <figure className="eval-plot-card">
        <figcaption>
          <span className="eval-plot-title">F-measure over threshold</span>
          <span className="eval-plot-note">
            max {formatMetric(best.value)} at {best.threshold} · mean {formatMetric(evaluation.metrics.meanFm)}
          </span>
        </figcaption>
        <CurveChart series={fm} label="F-measure" xLabel="Threshold (0–255)" yLabel="F-measure (β² = 0.3)" xRange={THRESHOLD_RANGE} formatX={formatThreshold} marker={marker} testId="fm-plot" fillBelow />
      </figure>
    </div>
  );
}
