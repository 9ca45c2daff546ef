import { sql as init } from './001-init';
import { sql as runSummaries } from './002-run-summaries';
import { sql as data } from './003-data';

export interface Migration {
  /** The user_version the database has after this migration; migrations are numbered 1, 2, 3 ... without gaps. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Every migration the app knows, in order. Migrations are TypeScript modules exporting SQL text (not .sql files)
 * so that vite, esbuild and tsx bundle them the same way without loaders.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'run-summaries', sql: runSummaries },
  { version: 3, name: 'data', sql: data },
];
