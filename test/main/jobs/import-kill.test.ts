import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/storage/db';
import { openStorage, type Storage } from '../../../src/main/storage/storage';

const child = fileURLToPath(new URL('./helpers/import-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const IMAGES = 40;

/** 40 distinct images (PNG and JPEG, deterministic noise), two byte-identical copies and one corrupt file. */
async function makeImageFolder(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'intseg-kill-images-'));
  for (let n = 0; n < IMAGES; n += 1) {
    const width = 96;
    const height = 64;
    const pixels = Buffer.alloc(width * height * 3);
    let seed = 1000 + n;
    for (let i = 0; i < pixels.length; i += 1) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      pixels[i] = seed >>> 24;
    }
    const image = sharp(pixels, { raw: { width, height, channels: 3 } });
    const name = `img-${String(n).padStart(3, '0')}`;
    if (n % 2 === 0) await image.png().toFile(join(folder, `${name}.png`));
    else await image.jpeg({ quality: 80 }).toFile(join(folder, `${name}.jpg`));
  }
  copyFileSync(join(folder, 'img-000.png'), join(folder, 'zz-copy-a.png'));
  copyFileSync(join(folder, 'img-001.jpg'), join(folder, 'zz-copy-b.jpg'));
  writeFileSync(join(folder, 'zz-broken.png'), 'not a png');
  return folder;
}

interface ChildResult {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly output: string;
}

/** Runs the child; when `killWhen` returns true (polled every 10 ms), SIGKILLs it. */
function runChild(args: readonly string[], killWhen: (() => boolean) | null): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    process_.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    process_.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const poll =
      killWhen === null
        ? null
        : setInterval(() => {
            if (killWhen()) {
              process_.kill('SIGKILL');
              if (poll !== null) clearInterval(poll);
            }
          }, 10);
    process_.on('error', reject);
    process_.on('exit', (code, signal) => {
      if (poll !== null) clearInterval(poll);
      resolve({ code, signal, output });
    });
  });
}

describe('image import killed with SIGKILL', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  it('imports every image exactly once after a resume, with no duplicates and no half rows', async () => {
    const folder = await makeImageFolder();
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const dbDir = mkdtempSync(join(tmpdir(), 'intseg-kill-db-'));
    cleanups.push(() => rmSync(dbDir, { recursive: true, force: true }));
    const file = join(dbDir, 'intseg.db');
    const observer: Storage = openStorage(file);
    cleanups.push(() => observer.close());
    const projectId = observer.projects.create({ name: 'kill', taskPrompt: 'anything' }, 'user:test').id;
    const committed = (): number => observer.images.list(projectId).total;

    const killed = await runChild([file, String(projectId), folder, '40'], () => committed() >= 8);
    expect(killed.signal, killed.output).toBe('SIGKILL');
    const atKill = committed();
    expect(atKill).toBeGreaterThanOrEqual(8);
    expect(atKill).toBeLessThan(IMAGES);
    const [job] = observer.jobs.list({ projectId });
    expect(job.status).toBe('running'); // what a kill leaves behind

    const resumed = await runChild([file, String(projectId), folder, '0'], null);
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toContain('RECOVERED 1');
    expect(resumed.output).toContain('DONE');

    const images = observer.images.list(projectId, { limit: 1000 }).items;
    expect(images).toHaveLength(IMAGES);
    expect(new Set(images.map((i) => i.contentHash)).size).toBe(IMAGES);
    expect(new Set(images.map((i) => i.path)).size).toBe(IMAGES);
    expect(images.map((i) => i.fileName)).toEqual(images.map((i) => i.fileName).sort());
    for (const image of images) {
      expect(image.width).toBe(96);
      expect(image.height).toBe(64);
      expect(observer.images.thumbnail(image.id)?.length ?? 0).toBeGreaterThan(0);
      expect(observer.jobs.item(job.id, image.path)?.outcome).toBe('done');
    }
    const finished = observer.jobs.require(job.id);
    expect(finished).toMatchObject({ status: 'done', attempts: 2, done: IMAGES + 3, total: IMAGES + 3 });
    expect(finished.result).toMatchObject({ imported: IMAGES, found: IMAGES + 3, cancelled: false });
    expect(observer.jobs.itemCounts(job.id)).toEqual({ done: IMAGES, skipped: 2, failed: 1 });
    expect(observer.audit.list({ projectId, limit: 1000 }).filter((e) => e.action === 'image.add')).toHaveLength(IMAGES);

    const db = openDatabase(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
