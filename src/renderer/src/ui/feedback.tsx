/** Shared feedback elements: error banner, a form field's error, empty state, spinner, progress bar. */
import type { ReactElement, ReactNode } from 'react';
import type { AppErrorShape } from '../../../shared/result';
import { Icon, type IconName } from './icons';

const ERROR_TITLES: Record<string, string> = {
  invalid_input: 'The request was refused',
  not_found: 'Not found',
  conflict: 'Conflict',
  unsupported: 'Not supported',
  corrupt_file: 'Unreadable file',
  model_error: 'Model error',
  cancelled: 'Cancelled',
  unauthorized: 'Not signed in',
  forbidden: 'Not allowed',
  internal: 'Something went wrong',
};

/** A form field's error under the field (announced); nothing when there is no message. `id` lets the field point at it (aria-describedby). */
export function FieldError({ message, id, testId }: { readonly message: string | undefined; readonly id?: string; readonly testId?: string }): ReactElement | null {
  if (message === undefined) return null;
  return (
    <p className="field-error" id={id} data-testid={testId ?? id} role="alert">
      {message}
    </p>
  );
}

export function ErrorBanner({
  error,
  onRetry,
  onDismiss,
  compact = false,
}: {
  readonly error: AppErrorShape | string;
  readonly onRetry?: () => void;
  readonly onDismiss?: () => void;
  readonly compact?: boolean;
}): ReactElement {
  const shape: AppErrorShape = typeof error === 'string' ? { code: 'internal', message: error } : error;
  const hint = shape.code === 'unauthorized' ? ' Open the address that "intseg serve" printed (it carries the access token).' : '';
  return (
    <div className={`banner banner-error${compact ? ' banner-compact' : ''}`} role="alert" data-testid="error-banner" data-error-code={shape.code}>
      <Icon name="alert" />
      <div className="banner-text">
        {compact ? null : <strong>{ERROR_TITLES[shape.code] ?? 'Error'}</strong>}
        <span>
          {shape.message}
          {hint}
        </span>
      </div>
      {onRetry === undefined ? null : (
        <button type="button" className="button button-small" onClick={onRetry}>
          <Icon name="refresh" size={14} />
          Retry
        </button>
      )}
      {onDismiss === undefined ? null : (
        <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss">
          <Icon name="close" size={14} />
        </button>
      )}
    </div>
  );
}

export function EmptyState({
  icon,
  title,
  children,
  action,
  testId,
}: {
  readonly icon: IconName;
  readonly title: string;
  readonly children?: ReactNode;
  readonly action?: ReactNode;
  readonly testId?: string;
}): ReactElement {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-state-icon">
        <Icon name={icon} size={28} />
      </div>
      <h3>{title}</h3>
      {children === undefined ? null : <p>{children}</p>}
      {action}
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { readonly label?: string }): ReactElement {
  return <span className="spinner" role="status" aria-label={label} />;
}

export function LoadingBlock({ label = 'Loading…' }: { readonly label?: string }): ReactElement {
  return (
    <div className="loading-block">
      <Spinner label={label} />
      <span>{label}</span>
    </div>
  );
}

/** A determinate bar when `fraction` is a number, an indeterminate one when it is null. */
export function ProgressBar({ fraction, tone = 'accent', label }: { readonly fraction: number | null; readonly tone?: 'accent' | 'warning' | 'danger' | 'success'; readonly label: string }): ReactElement {
  return (
    <div
      className={`progress progress-${tone}${fraction === null ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
    >
      <div className="progress-fill" style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
    </div>
  );
}
