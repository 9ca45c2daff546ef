import type { Db } from './db';
import { MIGRATIONS, type Migration } from './migrations';

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
  /** Names of the migrations applied now, in order ('2-add-foo'); empty when the database was current. */
  readonly applied: readonly string[];
}

/** The database was written by a newer app: opening it with this one could lose or misread data. */
export class DatabaseTooNewError extends Error {
  readonly databaseVersion: number;
  readonly appVersion: number;

  constructor(databaseVersion: number, appVersion: number) {
    super(
      `database schema version ${databaseVersion} is newer than this app supports (schema version ${appVersion}); ` +
        'open it with a newer IntSeg Studio, or restore a backup made with this version',
    );
    this.name = 'DatabaseTooNewError';
    this.databaseVersion = databaseVersion;
    this.appVersion = appVersion;
  }
}

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** The schema version this build writes (the last migration's version). */
export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
}

/**
 * Brings the database forward to the newest schema. Forward only: each pending migration runs in its own
 * transaction together with the `user_version` bump, so a crash leaves the database at a whole version.
 * A database newer than the app is refused before anything is written.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  assertOrdered(migrations);
  const latest = latestSchemaVersion(migrations);
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    // Re-read inside the write lock: another process may have migrated since `from` was read.
    const ran = db
      .transaction(() => {
        if (schemaVersion(db) >= migration.version) return false;
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
        return true;
      })
      .immediate();
    if (ran) applied.push(`${migration.version}-${migration.name}`);
  }
  return { from, to: Math.max(from, latest), applied };
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration list must be numbered 1..n without gaps: expected version ${index + 1} at position ${index}, found ${migration.version} (${migration.name})`);
    }
  });
}
