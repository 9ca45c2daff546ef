/**
 * The footer of a dialog that starts something: a note on the left, Cancel, and the primary action with a
 * spinner while it is being started. The action either submits a form (`form`: the form's id, so Enter in a
 * field does the same) or calls `onAction`.
 */
import type { ReactElement, ReactNode } from 'react';
import { Spinner } from './feedback';
import { Icon, type IconName } from './icons';

export interface DialogActionsProps {
  readonly note: ReactNode;
  readonly onCancel: () => void;
  readonly label: string;
  readonly icon?: IconName;
  /** While true the action shows a spinner with this label and is disabled. */
  readonly busy: boolean;
  readonly busyLabel: string;
  readonly disabled?: boolean;
  readonly testId: string;
  readonly onAction?: () => void;
  readonly form?: string;
}

export function DialogActions({ note, onCancel, label, icon, busy, busyLabel, disabled = false, testId, onAction, form }: DialogActionsProps): ReactElement {
  return (
    <>
      <span className="dialog-footer-note">{note}</span>
      <button type="button" className="button button-ghost" onClick={onCancel}>
        Cancel
      </button>
      <button
        type={form === undefined ? 'button' : 'submit'}
        form={form}
        className="button button-primary"
        onClick={onAction}
        disabled={busy || disabled}
        data-testid={testId}
      >
        {busy ? <Spinner label={busyLabel} /> : icon === undefined ? null : <Icon name={icon} />}
        {label}
      </button>
    </>
  );
}
