/**
 * Image import throughput: generates 200 images of 1024x768 (deterministic content, half JPEG, half PNG),
 * imports them into a fresh project (hash, decode, EXIF-oriented size, 256 px WebP thumbnail, one transaction
 * per file) and prints images per second with the machine it ran on.
 *
 *   npx tsx bench/import-throughput.ts [--count 200] [--concurrency 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { importImages } from '../src/main/services/images/import-images';
import { openStorage } from '../src/main/storage/storage';
import { option } from './lib/options';

const WIDTH = 1024;
const HEIGHT = 768;

/** Smooth gradients, a disc and fine stripes, shifted per image: compresses like a photo more than noise does. */
function pixels(index: number): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  const cx = (index * 97) % WIDTH;
  const cy = (index * 53) % HEIGHT;
  const radius2 = (120 + (index % 7) * 20) ** 2;
  for (let y = 0; y < HEIGHT; y += 1) {
    for (let x = 0; x < WIDTH; x += 1) {
      const at = (y * WIDTH + x) * 3;
      const inside = (x - cx) ** 2 + (y - cy) ** 2 < radius2;
      const stripe = ((x + y + index) >> 2) & 1;
      data[at] = inside ? 200 : (x * 255) / WIDTH;
      data[at + 1] = inside ? 40 + stripe * 30 : (y * 255) / HEIGHT;
      data[at + 2] = (index * 37 + stripe * 20 + ((x ^ y) & 15)) & 255;
    }
  }
  return data;
}

async function generate(folder: string, count: number): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const image = sharp(pixels(i), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } });
    const name = join(folder, `image-${String(i).padStart(4, '0')}`);
    const info = i % 2 === 0 ? await image.jpeg({ quality: 90 }).toFile(`${name}.jpg`) : await image.png().toFile(`${name}.png`);
    bytes += info.size;
  }
  return bytes;
}

async function main(): Promise<void> {
  const count = option('count', 200);
  const concurrency = option('concurrency', 2);
  const folder = mkdtempSync(join(tmpdir(), 'intseg-bench-images-'));
  const dbDir = mkdtempSync(join(tmpdir(), 'intseg-bench-db-'));
  try {
    const bytes = await generate(folder, count);
    const storage = openStorage(join(dbDir, 'bench.db'));
    try {
      const projectId = storage.projects.create({ name: 'bench', taskPrompt: 'object' }, 'bench').id;
      const started = performance.now();
      const report = await importImages(storage, projectId, [folder], { actor: 'bench', concurrency });
      const seconds = (performance.now() - started) / 1000;
      if (report.imported !== count) throw new Error(`expected ${count} imported, got ${report.imported}: ${JSON.stringify(report.failed)}`);
      const cpu = cpus();
      console.log('import-throughput');
      console.log(`  images          ${count} x ${WIDTH}x${HEIGHT} (half JPEG q90, half PNG), ${(bytes / 1e6).toFixed(1)} MB`);
      console.log(`  concurrency     ${concurrency} files prepared ahead`);
      console.log(`  time            ${seconds.toFixed(2)} s`);
      console.log(`  throughput      ${(count / seconds).toFixed(1)} images/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`);
      console.log(`  machine         ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
      console.log(`  runtime         node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, sharp threads ${sharp.concurrency()}`);
    } finally {
      storage.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(dbDir, { recursive: true, force: true });
  }
}

await main();
