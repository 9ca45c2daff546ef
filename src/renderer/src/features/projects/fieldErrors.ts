/**
 * Maps an error value refused by the server onto form fields. Input validation errors carry
 * `details.issues: [{ path: string[], message }]` (see src/main/ipc/router.ts); the first path segment
 * names the field. Issues for fields the form does not show, and errors without issues, are returned
 * as form-level messages so nothing the server says is lost.
 */
import type { AppErrorShape } from '../../../../shared/result';

export interface FieldErrors {
  /** First message per field, keyed by the field's name in the request input. */
  readonly byField: Readonly<Record<string, string>>;
  /** Messages that belong to no shown field (or the error itself when it has no issues). */
  readonly general: readonly string[];
}

interface Issue {
  readonly path: readonly string[];
  readonly message: string;
}

function issuesOf(details: unknown): Issue[] | null {
  if (typeof details !== 'object' || details === null || !('issues' in details) || !Array.isArray(details.issues)) return null;
  const issues: Issue[] = [];
  for (const entry of details.issues as unknown[]) {
    if (typeof entry !== 'object' || entry === null || !('message' in entry) || typeof entry.message !== 'string') continue;
    const path = 'path' in entry && Array.isArray(entry.path) ? (entry.path as unknown[]).map(String) : [];
    issues.push({ path, message: entry.message });
  }
  return issues;
}

/** "labels.2.name" becomes "label 3: ..." so the user can find the chip. */
function describe(issue: Issue): string {
  const [, index, ...rest] = issue.path;
  if (index !== undefined && /^\d+$/.test(index)) {
    const where = rest.length > 0 ? ` (${rest.join('.')})` : '';
    return `item ${Number(index) + 1}${where}: ${issue.message}`;
  }
  return issue.message;
}

export function fieldErrors(error: AppErrorShape, fields: readonly string[]): FieldErrors {
  const issues = issuesOf(error.details);
  if (issues === null || issues.length === 0) return { byField: {}, general: [error.message] };
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const field = issue.path[0];
    if (field !== undefined && fields.includes(field)) {
      byField[field] ??= describe(issue);
    } else {
      general.push(issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`);
    }
  }
  return { byField, general };
}
