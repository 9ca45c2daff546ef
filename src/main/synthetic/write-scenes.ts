/**
 * Writes synthetic camouflage scenes (src/core/synthetic) as files: `<dir>/images/scene-<seed>.png` and the
 * ground truth as binary 0/255 PNG in `<dir>/gt/scene-<seed>.png`. A project of these images runs end to end on
 * the test pack (its stand-in proposer recognises them) and can be evaluated against the ground truth.
 * Never overwrites: an existing file of the same name is an error that names it, before anything is written.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { generateScene, type Scene } from '../../core/synthetic/scene';

export interface WrittenScene {
  readonly scene: Scene;
  readonly imagePath: string;
  readonly gtPath: string;
}

export class SceneWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SceneWriteError';
  }
}

function scenePaths(dir: string, seed: number): { imagePath: string; gtPath: string } {
  return { imagePath: join(dir, 'images', `scene-${seed}.png`), gtPath: join(dir, 'gt', `scene-${seed}.png`) };
}

export async function writeScenes(dir: string, seeds: readonly number[], size = 128): Promise<WrittenScene[]> {
  const existing = seeds.flatMap((seed) => Object.values(scenePaths(dir, seed))).filter((path) => existsSync(path));
  if (existing.length > 0) throw new SceneWriteError(`would overwrite ${existing.length} file(s), first ${existing[0] ?? ''}; choose an empty folder`);
  await mkdir(join(dir, 'images'), { recursive: true });
  await mkdir(join(dir, 'gt'), { recursive: true });
  const written: WrittenScene[] = [];
  for (const seed of seeds) {
    const scene = generateScene(seed, { width: size, height: size });
    const { imagePath, gtPath } = scenePaths(dir, seed);
    await sharp(scene.image.data, { raw: { width: size, height: size, channels: 3 } }).png().toFile(imagePath);
    const gt = Buffer.from(scene.groundTruth.data.map((value) => value * 255));
    await sharp(gt, { raw: { width: size, height: size, channels: 1 } }).toColourspace('b-w').png().toFile(gtPath);
    written.push({ scene, imagePath, gtPath });
  }
  return written;
}
