/**
 * Where a refused export, import or evaluation request shows its error: schema issues on their fields, and
 * service errors about a path (they carry `details.path`, `details.folder` or `details.field`) on the path field.
 */
import type { AppErrorShape } from '../../../../shared/result';
import { fieldErrors, type FieldErrors } from '../projects/fieldErrors';

export const NO_ERRORS: FieldErrors = { byField: {}, general: [] };

export function formErrors(error: AppErrorShape, fields: readonly string[], pathField: string): FieldErrors {
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  if (!('issues' in details)) {
    const field = typeof details['field'] === 'string' ? details['field'] : 'path' in details || 'folder' in details ? pathField : null;
    if (field !== null && fields.includes(field)) return { byField: { [field]: error.message }, general: [] };
  }
  return fieldErrors(error, fields);
}
