/** An uncertainty in [0, 1] as a small bar and its value; higher means "review first". */
import type { ReactElement } from 'react';
import { uncertaintyTone } from './runFormat';

export function UncertaintyMeter({ value, label }: { readonly value: number; readonly label?: string }): ReactElement {
  const clamped = Math.min(1, Math.max(0, value));
  return (
    <span className={`uncertainty-meter tone-${uncertaintyTone(clamped)}`} title={label ?? `Uncertainty ${clamped.toFixed(3)} (0 sure, 1 review first)`}>
      <span className="uncertainty-track">
        <span className="uncertainty-fill" style={{ width: `${Math.max(2, clamped * 100)}%` }} />
      </span>
      <span className="uncertainty-value mono">{clamped.toFixed(2)}</span>
    </span>
  );
}
