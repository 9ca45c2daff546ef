/** How each image status is named and coloured (the colours are CSS variables in styles/tokens.css). */
import { IMAGE_STATUSES, type ImageStatus } from '../../../../shared/dto/images';

export const STATUS_LABELS: Record<ImageStatus, string> = {
  new: 'New',
  queued: 'Queued',
  proposed: 'Proposed',
  in_review: 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
  missing: 'Missing',
  changed: 'Changed',
  error: 'Error',
};

/** Statuses in workflow order, the order of filters and distribution bars. */
export const STATUS_ORDER: readonly ImageStatus[] = IMAGE_STATUSES;

export function statusColorVar(status: ImageStatus): string {
  return `var(--status-${status.replace('_', '-')})`;
}
