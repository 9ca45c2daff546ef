/** A project's images by status: one stacked bar and a compact legend with counts. */
import type { ReactElement } from 'react';
import type { Project } from '../../../../shared/dto/projects';
import { formatCount } from '../../ui/format';
import { STATUS_LABELS, STATUS_ORDER, statusColorVar } from '../images/imageStatus';

export function StatusDistribution({ counts, total }: { readonly counts: Project['statusCounts']; readonly total: number }): ReactElement {
  const present = STATUS_ORDER.filter((status) => (counts[status] ?? 0) > 0);
  return (
    <div className="status-distribution">
      <div className="status-bar" aria-hidden="true">
        {total === 0 ? null : present.map((status) => <span key={status} style={{ width: `${((counts[status] ?? 0) / total) * 100}%`, background: statusColorVar(status) }} />)}
      </div>
      <ul className="status-legend" aria-label="Images by status">
        {present.length === 0 ? <li className="muted">No images yet</li> : null}
        {present.map((status) => (
          <li key={status} data-status={status}>
            <span className="legend-dot" style={{ background: statusColorVar(status) }} />
            {STATUS_LABELS[status]} <strong>{formatCount(counts[status] ?? 0)}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
