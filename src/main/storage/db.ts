import Database from 'better-sqlite3';

/** One open SQLite connection. Everything outside src/main/storage sees this type only through `Storage`. */
export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** How long a statement waits for a lock held by another connection before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  readonly readonly?: boolean;
  /**
   * Path of a better_sqlite3.node built for another runtime. Electron has its own ABI, so the desktop app
   * loads a copy built for it (scripts/start-electron.mjs makes it) while the CLI and tests use Node's.
   */
  readonly nativeBinding?: string;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the database file with the pragmas every connection of the app uses:
 * - WAL: readers never block the writer, and a crash mid-transaction leaves the last committed state;
 * - synchronous NORMAL: with WAL, a power loss may drop the last commits but never corrupts the file;
 * - foreign_keys ON: SQLite's default is OFF per connection, so it is set on every open;
 * - busy_timeout: a second connection (the CLI next to the app) waits instead of failing at once.
 * `:memory:` databases cannot use WAL; they report journal_mode `memory` and are meant for tests only.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    if (!(options.readonly ?? false)) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The journal mode in force ('wal' for a file database opened by `openDatabase`). */
export function journalMode(db: Db): string {
  return String(db.pragma('journal_mode', { simple: true }));
}
