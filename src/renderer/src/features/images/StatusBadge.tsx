import type { ReactElement } from 'react';
import type { ImageStatus } from '../../../../shared/dto/images';
import { STATUS_LABELS } from './imageStatus';

export function StatusBadge({ status }: { readonly status: ImageStatus }): ReactElement {
  return (
    <span className={`status-badge status-${status.replace('_', '-')}`} data-testid="status-badge" data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
