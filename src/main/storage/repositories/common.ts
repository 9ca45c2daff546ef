import { z } from 'zod';
import { AppError } from '../../../shared/result';

/** Who did something, as the audit log and version history record it: 'user:ana', 'cli', 'system', 'run:12'. */
export type Actor = string;

/** Returns the current time as ISO 8601 UTC text; injected so tests get stable times. */
export type Clock = () => string;

export const systemClock: Clock = () => new Date().toISOString();

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

/** Serialises a JSON column value; rejects what JSON cannot hold (NaN, Infinity, functions) instead of writing null. */
export function toJson(value: unknown, column: string): string {
  const checked = jsonValue.safeParse(value);
  if (!checked.success || (typeof value === 'number' && !Number.isFinite(value))) {
    throw new AppError('invalid_input', `${column} must be plain JSON (finite numbers, strings, booleans, null, arrays, objects)`);
  }
  return JSON.stringify(value);
}

/** Parses a JSON column written by `toJson`; the CHECK (json_valid) constraint guarantees it parses. */
export function fromJson(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}

/** Parses a JSON column with a known shape; a mismatch means the database was edited by hand or is corrupt. */
export function fromJsonAs<T>(text: string, schema: z.ZodType<T>, column: string): T {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new AppError('internal', `stored ${column} does not have the expected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function notFound(what: string, id: number | string): AppError {
  return new AppError('not_found', `${what} ${id} does not exist`, { id });
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error as { code: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** SQLite BLOBs come back as Buffers; callers get plain Uint8Array views of the same memory (no copy). */
export function blob(value: Buffer | null | undefined): Uint8Array | null {
  return value === null || value === undefined ? null : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
