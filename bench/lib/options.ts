/** What the benchmark scripts share: `--name N` options and one row of a printed result. */

export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** The positive integer after `--name` on the command line, or `fallback` when the option is absent. */
export function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer, got "${process.argv[at + 1]}"`);
  return value;
}
