import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { journalMode, openDatabase, type Db } from '../../../src/main/storage/db';
import { DatabaseTooNewError, latestSchemaVersion, migrate, schemaVersion } from '../../../src/main/storage/migrate';
import { MIGRATIONS, type Migration } from '../../../src/main/storage/migrations';
import { openStorage } from '../../../src/main/storage/storage';
import { tempDir } from './helpers/temp-storage';

const EXPECTED_TABLES = [
  'annotation_version_masks',
  'annotation_versions',
  'annotations',
  'audit_log',
  'candidates',
  'evaluation_images',
  'evaluations',
  'ground_truth',
  'ground_truth_masks',
  'images',
  'iterations',
  'job_items',
  'jobs',
  'masks',
  'model_packs',
  'projects',
  'review_events',
  'run_images',
  'runs',
];

describe('database connection', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function open(): Db {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(join(dir, 'a.db'));
    dbs.push(db);
    return db;
  }

  it('opens with WAL, foreign keys on, synchronous NORMAL and a busy timeout', () => {
    const db = open();
    expect(journalMode(db)).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('migrates an empty database from version 0 to the newest schema', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(0);
    const result = migrate(db);
    expect(result).toEqual({ from: 0, to: latestSchemaVersion(), applied: MIGRATIONS.map((m) => `${m.version}-${m.name}`) });
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(EXPECTED_TABLES);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('is a no-op on a current database', () => {
    const db = open();
    migrate(db);
    expect(migrate(db)).toEqual({ from: latestSchemaVersion(), to: latestSchemaVersion(), applied: [] });
  });

  it('refuses a database newer than the app, naming both versions, and writes nothing', () => {
    const db = open();
    migrate(db);
    const newer = latestSchemaVersion() + 3;
    db.pragma(`user_version = ${newer}`);
    let thrown: unknown;
    try {
      migrate(db);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatabaseTooNewError);
    const message = (thrown as Error).message;
    expect(message).toContain(`version ${newer}`);
    expect(message).toContain(`version ${latestSchemaVersion()}`);
    expect(schemaVersion(db)).toBe(newer);
  });

  it('openStorage refuses a newer database file too', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, 'b.db');
    const db = openDatabase(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openStorage(file)).toThrow(/999.*newer than this app supports/);
  });

  it('applies each migration in a transaction: a failing one leaves the previous version whole', () => {
    const db = open();
    const list: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, list)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(1);
    const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    expect(names).toEqual(['a']);
  });

  it('rejects a migration list with gaps', () => {
    const db = open();
    expect(() => migrate(db, [{ version: 2, name: 'two', sql: '' }])).toThrow(/expected version 1/);
  });
});
