/**
 * CLI output rules: with --json, stdout carries exactly one JSON object and nothing else; people read
 * stderr (progress bars, warnings). Failures print one line `intseg: <reason>` on stderr and exit non-zero.
 */
import { SingleBar, Presets } from 'cli-progress';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Human output goes to stdout without --json; with --json it moves to stderr so stdout stays one object. */
export function say(json: boolean, line: string): void {
  (json ? process.stderr : process.stdout).write(`${line}\n`);
}

export function warn(line: string): void {
  process.stderr.write(`intseg: warning: ${line}\n`);
}

export interface Progress {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; silent otherwise (CI, pipes, --json consumers). */
export function createProgress(title: string, enabled: boolean): Progress {
  if (!enabled || process.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: `${title} [{bar}] {value}/{total} {percentage}% | {label}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label = '') {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function parseId(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new CliError(`${what} must be a positive integer id, got "${text}"`, 2);
  return value;
}

export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Failures print one line: multi-line reasons (a model pack's list of problems) are joined. */
export function oneLine(message: string): string {
  return message.replace(/:?\s*\n\s*(?:-\s*)?/g, (separator) => (separator.startsWith(':') ? ': ' : '; ')).trim();
}
