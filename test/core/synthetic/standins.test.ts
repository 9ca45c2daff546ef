import { describe, expect, it } from 'vitest';
import { binaryMask, rgbImage, type Box, type RgbImage } from '../../../src/core/image';
import { SyntheticClipRouteScorer, SyntheticClipScorer } from '../../../src/core/synthetic/clip';
import { SyntheticDetector } from '../../../src/core/synthetic/detector';
import { SyntheticInpainter } from '../../../src/core/synthetic/inpainter';
import { SyntheticPointPrompter } from '../../../src/core/synthetic/points';
import { generateScene, type Scene } from '../../../src/core/synthetic/scene';
import { SyntheticSegmenter } from '../../../src/core/synthetic/segmenter';
import { analyse } from '../../../src/core/synthetic/features';
import { PROTOTYPE_INDEX, TARGET_NAMES } from '../../../src/core/synthetic/world';
import { cropRgb } from '../../../src/core/int/pixels';

const SIZE = 96;

function boxRegion(box: Box): ReturnType<typeof binaryMask> {
  const region = binaryMask(SIZE, SIZE);
  for (let y = box.y1; y < box.y2; y++) region.data.fill(1, y * SIZE + box.x1, y * SIZE + box.x2);
  return region;
}

function grow(box: Box, by: number): Box {
  return { x1: Math.max(0, box.x1 - by), y1: Math.max(0, box.y1 - by), x2: Math.min(SIZE, box.x2 + by), y2: Math.min(SIZE, box.y2 + by) };
}

function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const h = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const area = (r: Box): number => (r.x2 - r.x1) * (r.y2 - r.y1);
  return (w * h) / (area(a) + area(b) - w * h);
}

function maskIoU(mask: Float32Array, scene: Scene): number {
  let inter = 0;
  let union = 0;
  mask.forEach((v, i) => {
    const p = v > 0.5;
    const g = scene.groundTruth.data[i] === 1;
    if (p && g) inter++;
    if (p || g) union++;
  });
  return inter / union;
}

const scenes = [1, 2, 5, 7].map((seed) => generateScene(seed, { width: SIZE, height: SIZE }));

describe('pure-TS stand-ins on synthetic scenes', () => {
  it('CLIP route: on a patch around the target, the true name loses confidence when the target is inpainted away; absent animals do not', async () => {
    const scorer = new SyntheticClipRouteScorer();
    const inpainter = new SyntheticInpainter();
    // (A small two-part smooth fish is the exception: seabed is a third fish-like, so its removal barely shows.)
    for (const scene of scenes.filter((s) => s.target.shape !== 'two-part')) {
      const vocabulary = [...TARGET_NAMES, 'camouflaged animal', scene.background];
      const patch = grow(scene.target.box, 12);
      const removed = await inpainter.inpaint(scene.image, boxRegion(grow(scene.target.box, 2)));
      const drop = async (name: string): Promise<number> =>
        (await scorer.score(cropRgb(scene.image, patch), name, vocabulary)) - (await scorer.score(cropRgb(removed, patch), name, vocabulary));
      const trueDrop = await drop(scene.target.name);
      expect(trueDrop).toBeGreaterThan(0);
      for (const absent of TARGET_NAMES.filter((n) => n !== scene.target.name)) expect(await drop(absent)).toBeLessThan(trueDrop);
    }
  });

  it('inpainter: keeps every pixel outside the region and fills it with background-like content', async () => {
    const scene = scenes[0] as Scene;
    const region = boxRegion(grow(scene.target.box, 2));
    const out = await new SyntheticInpainter().inpaint(scene.image, region);
    for (let i = 0; i < region.data.length; i++) {
      if (region.data[i] === 0) expect(out.data.subarray(i * 3, i * 3 + 3)).toEqual(scene.image.data.subarray(i * 3, i * 3 + 3));
    }
    const a = analyse(out);
    const n = SIZE * SIZE;
    let targetShare = 0;
    let count = 0;
    const targetIndex = PROTOTYPE_INDEX.get(scene.target.name) ?? -1;
    scene.groundTruth.data.forEach((v, i) => {
      if (v === 1) {
        targetShare += a.assign[targetIndex * n + i] as number;
        count++;
      }
    });
    expect(targetShare / count).toBeLessThan(0.35);
  });

  it('detector: finds the camouflaged target by its name; the generic prompt finds the salient distractors', async () => {
    const detector = new SyntheticDetector();
    for (const scene of scenes) {
      const boxes = await detector.detect(scene.image, scene.target.name);
      expect(boxes.some((d) => iou(d.box, scene.target.box) > 0.5 || scene.target.shape === 'two-part')).toBe(true);
      const generic = await detector.detect(scene.image, 'camouflaged animal');
      // Each distractor is found (its outline is an edge, not content, so the box sits inside the object).
      const inside = (b: Box, outer: Box): boolean => (b.x1 + b.x2) / 2 > outer.x1 && (b.x1 + b.x2) / 2 < outer.x2 && (b.y1 + b.y2) / 2 > outer.y1 && (b.y1 + b.y2) / 2 < outer.y2;
      for (const distractor of scene.distractors) expect(generic.some((d) => inside(d.box, distractor.box))).toBe(true);
      expect(generic.some((d) => iou(d.box, scene.target.box) > 0.1)).toBe(false);
    }
  });

  it('points: positives on the target, negatives off it', async () => {
    const prompter = new SyntheticPointPrompter();
    for (const scene of scenes) {
      const points = await prompter.points(scene.image, [scene.target.name], [scene.background]);
      const positives = points.filter((p) => p.label === 1);
      expect(positives.length).toBeGreaterThan(0);
      expect(points.filter((p) => p.label === 0)).toHaveLength(positives.length);
      const onTarget = positives.filter((p) => scene.groundTruth.data[Math.floor(p.y) * SIZE + Math.floor(p.x)] === 1).length;
      expect(onTarget / positives.length).toBeGreaterThan(0.5);
      for (const p of points.filter((q) => q.label === 0)) expect(scene.groundTruth.data[Math.floor(p.y) * SIZE + Math.floor(p.x)]).toBe(0);
    }
  });

  it('segmenter: grows the target from a loose box, best output first, masks the size of the image', async () => {
    const segmenter = new SyntheticSegmenter();
    for (const scene of scenes) {
      const results = await segmenter.segment(scene.image, { box: grow(scene.target.box, 4), points: [] });
      expect(results).toHaveLength(3);
      expect(results.map((r) => r.predictedIoU)).toEqual([...results.map((r) => r.predictedIoU)].sort((a, b) => b - a));
      expect(results[0]?.mask.width).toBe(SIZE);
      expect(maskIoU(results[0]?.mask.data ?? new Float32Array(), scene)).toBeGreaterThan(0.5);
    }
  });

  it('CLIP similarity: the whole masked target beats a masked speck and a masked distractor', async () => {
    const clip = new SyntheticClipScorer();
    const scene = scenes[1] as Scene;
    const masked = (keep: (i: number) => boolean): RgbImage => rgbImage(SIZE, SIZE, Uint8Array.from(scene.image.data, (v, p) => (keep(Math.floor(p / 3)) ? v : 0)));
    const target = masked((i) => scene.groundTruth.data[i] === 1);
    let kept = 0;
    const speck = masked((i) => scene.groundTruth.data[i] === 1 && kept++ < 30);
    const distractor = masked((i) => scene.distractors[0]?.mask.data[i] === 1);
    const [whole, small, other] = await clip.similarities([target, speck, distractor], scene.target.name);
    expect(whole).toBeGreaterThan(small ?? 1);
    expect(whole).toBeGreaterThan(other ?? 1);
  });
});
