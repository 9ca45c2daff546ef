/**
 * One process runs jobs on a data folder at a time. The database itself is safe to share (WAL, busy
 * timeout), but job recovery treats jobs left `running` as interrupted, which is only true when no
 * other live process is running them. The lock file names its holder so the refusal can say who.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { AppError } from '../../shared/result';

export interface DataLock {
  readonly file: string;
  release(): void;
}

interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly role: string;
  readonly since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, role: parsed.role ?? 'unknown', since: parsed.since ?? 'unknown' };
  } catch {
    return null;
  }
}

/** Takes the lock or throws a `conflict` naming the live holder; a lock left by a dead process is taken over. */
export function acquireDataLock(dataDir: string, role: string): DataLock {
  const file = join(dataDir, 'intseg.lock');
  const me: LockHolder = { pid: process.pid, host: hostname(), role, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          const holder = readHolder(file);
          if (holder !== null && holder.pid === me.pid && holder.host === me.host) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    const stale = holder === null || (holder.host === me.host && !isAlive(holder.pid));
    if (!stale) {
      throw new AppError(
        'conflict',
        `the data folder ${dataDir} is in use by ${holder.role} (pid ${holder.pid} on ${holder.host}, since ${holder.since}); use that window, stop it, or pass another --data`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new AppError('conflict', `could not take the lock ${file}; remove it if no IntSeg Studio process is running`);
}
