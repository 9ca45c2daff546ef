/**
 * Errors cross every boundary (IPC, HTTP, CLI, inference process) as values, never as lost exceptions.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unsupported'
  | 'corrupt_file'
  | 'model_error'
  | 'cancelled'
  | 'unauthorized'
  | 'forbidden'
  | 'internal';

export interface AppErrorShape {
  readonly code: ErrorCode;
  readonly message: string;
  /** Machine-readable detail (which field, which file), safe to show. */
  readonly details?: unknown;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorShape };

export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** Turns anything thrown into an error value; unknown exceptions become `internal` with their message kept. */
export function toErrorShape(thrown: unknown): AppErrorShape {
  if (thrown instanceof AppError) return thrown.toShape();
  if (thrown instanceof Error && thrown.name === 'CancelledError') return { code: 'cancelled', message: thrown.message };
  if (thrown instanceof Error) return { code: 'internal', message: thrown.message };
  return { code: 'internal', message: String(thrown) };
}
