/** Per-stage timings of an iteration as one stacked bar with a legend (stages in INT order). */
import type { ReactElement } from 'react';
import type { IntStage } from '../../../../../core/int/trace';
import { formatMs } from '../runFormat';
import { STAGE_SHORT } from '../runProgress';
import { stageTimings } from './timings';

/** One hue per stage, ordered like the stages so neighbours differ. */
const STAGE_COLORS: Record<IntStage, string> = {
  propose: '#8f7bf0',
  inpaint: '#e879f9',
  score: '#4c8dff',
  select: '#7f8797',
  detect: '#22d3ee',
  points: '#35c98a',
  segment: '#f2b233',
  clip: '#fb923c',
  fuse: '#f05d6c',
  reweight: '#94a3b8',
};

export function TimingBar({ timings }: { readonly timings: Readonly<Record<string, number>> }): ReactElement {
  const { stages, total } = stageTimings(timings);
  return (
    <div className="timing" data-testid="timing-bar">
      <div className="timing-bar" role="img" aria-label={`Stage timings, ${formatMs(total)} in all`}>
        {stages.map((stage) =>
          stage.fraction <= 0 ? null : <span key={stage.stage} style={{ width: `${stage.fraction * 100}%`, background: STAGE_COLORS[stage.stage] }} title={`${STAGE_SHORT[stage.stage]} ${formatMs(stage.ms)}`} />,
        )}
      </div>
      <ul className="timing-legend">
        {stages.map((stage) => (
          <li key={stage.stage} className={stage.ms === 0 ? 'is-zero' : undefined}>
            <span className="legend-dot" style={{ background: STAGE_COLORS[stage.stage] }} />
            <span>{STAGE_SHORT[stage.stage]}</span>
            <span className="mono">{formatMs(stage.ms)}</span>
          </li>
        ))}
        <li className="timing-total">
          <span>Total</span>
          <span className="mono">{formatMs(total)}</span>
        </li>
      </ul>
    </div>
  );
}
