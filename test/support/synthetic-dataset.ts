// Synthetic camouflage scenes written as image files (and their ground truth), for tests that need a
// project whose images the test pack's stand-in proposer recognises.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { generateScene, type Scene } from '../../src/core/synthetic/scene';

export interface WrittenScene {
  readonly scene: Scene;
  readonly imagePath: string;
  readonly gtPath: string;
}

/** Writes scenes for the given seeds as PNG images into dir/images and binary 0/255 PNG ground truth into dir/gt. */
export async function writeScenes(dir: string, seeds: readonly number[], size = 128): Promise<WrittenScene[]> {
  mkdirSync(join(dir, 'images'), { recursive: true });
  mkdirSync(join(dir, 'gt'), { recursive: true });
  const written: WrittenScene[] = [];
  for (const seed of seeds) {
    const scene = generateScene(seed, { width: size, height: size });
    const imagePath = join(dir, 'images', `scene-${seed}.png`);
    const gtPath = join(dir, 'gt', `scene-${seed}.png`);
    await sharp(scene.image.data, { raw: { width: size, height: size, channels: 3 } }).png().toFile(imagePath);
    const gt = Buffer.from(scene.groundTruth.data.map((value) => value * 255));
    await sharp(gt, { raw: { width: size, height: size, channels: 1 } }).png().toFile(gtPath);
    written.push({ scene, imagePath, gtPath });
  }
  return written;
}
