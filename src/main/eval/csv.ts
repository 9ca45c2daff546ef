/** Minimal CSV for per-image rows: names quoted per RFC 4180, numbers in shortest round-trip form. */

export function csvField(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(values: readonly (string | number | boolean)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
