import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { openStorage } from '../../../src/main/storage/storage';
import { openDatabase } from '../../../src/main/storage/db';
import { tempDir } from './helpers/temp-storage';

const writer = fileURLToPath(new URL('./helpers/kill-writer.ts', import.meta.url));

/** Spawns the writer and SIGKILLs it once it reports being inside its big transaction. */
function runAndKillMidTransaction(file: string): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('IN_TRANSACTION')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, output }));
  });
}

describe('a process killed mid-transaction', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the database consistent: committed rows kept, the open transaction gone', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, 'killed.db');
    const { signal, output } = await runAndKillMidTransaction(file);
    expect(output).toContain('COMMITTED 3');
    expect(output).toContain('IN_TRANSACTION');
    expect(output).not.toContain('NOT_KILLED');
    expect(signal).toBe('SIGKILL');
    // the uncommitted pages really reached the WAL file before the kill
    expect(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size).toBeGreaterThan(1024 * 1024);

    const storage = openStorage(file);
    try {
      const [project] = storage.projects.list();
      expect(storage.images.list(project.id).total).toBe(3);
      expect(storage.audit.list({ projectId: project.id }).map((e) => e.action).sort()).toEqual(['image.add', 'image.add', 'image.add', 'project.create']);
    } finally {
      storage.close();
    }
    const db = openDatabase(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
