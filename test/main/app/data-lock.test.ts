import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock } from '../../../src/main/app/data-lock';

describe('the data-folder lock', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'intseg-lock-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second holder and names the first', () => {
    const lock = acquireDataLock(dataDir, 'intseg serve');
    expect(() => acquireDataLock(dataDir, 'intseg run')).toThrow(/in use by intseg serve \(pid \d+/);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    acquireDataLock(dataDir, 'intseg run').release();
  });

  it('takes over a lock left by a process that died', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(join(dataDir, 'intseg.lock'), JSON.stringify({ pid: dead, host: hostname(), role: 'crashed', since: 'then' }));
    const lock = acquireDataLock(dataDir, 'intseg serve');
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    writeFileSync(join(dataDir, 'intseg.lock'), 'garbage');
    acquireDataLock(dataDir, 'intseg serve').release();
  });
});
