/**
 * Cancellation that core code can check without DOM or Node types.
 * The INT loop checks it between stages; hosts adapt AbortSignal to it.
 */
export interface CancelToken {
  readonly cancelled: boolean;
  /** Reason given when cancel() was called, for the trace and the job record. */
  readonly reason: string | null;
  /** Calls listener once when cancelled (at once if already cancelled); returns the unsubscribe function. */
  onCancel(listener: () => void): () => void;
}

export class CancelledError extends Error {
  constructor(reason: string | null) {
    super(reason === null ? 'cancelled' : `cancelled: ${reason}`);
    this.name = 'CancelledError';
  }
}

export class CancelSource implements CancelToken {
  private state: { cancelled: boolean; reason: string | null } = { cancelled: false, reason: null };
  private readonly listeners = new Set<() => void>();

  get cancelled(): boolean {
    return this.state.cancelled;
  }

  get reason(): string | null {
    return this.state.reason;
  }

  cancel(reason = 'cancelled by user'): void {
    if (this.state.cancelled) return;
    this.state = { cancelled: true, reason };
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }

  onCancel(listener: () => void): () => void {
    if (this.state.cancelled) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const neverCancelled: CancelToken = { cancelled: false, reason: null, onCancel: () => () => undefined };

export function throwIfCancelled(token: CancelToken): void {
  if (token.cancelled) throw new CancelledError(token.reason);
}
