/**
 * Stored masks to drawable bitmaps: each instance's COCO RLE is decoded once (core/mask/rle.ts),
 * rasterised into a cropped fill and outline (overlayRaster.ts) and put on two canvases that Konva
 * draws as Images. Results are cached by instance, colour and RLE, so flipping back to an image or
 * changing the opacity costs nothing. Decoding yields to the browser between instances, so an image
 * with many large masks never freezes the window.
 */
import { useEffect, useRef, useState } from 'react';
import type { MaskInstance } from '../../../../shared/dto/masks';
import { decodeRle } from '../../../../core/mask/rle';
import { parseHexColor, rasterizeMaskOverlay, type PixelBounds } from './overlayRaster';

export interface InstanceBitmap {
  readonly instanceId: number;
  /** Position and size in mask pixels (the mask's own grid; see scale). */
  readonly bounds: PixelBounds;
  /** Image pixels per mask pixel on each axis; 1 when the mask has the image's size. */
  readonly scaleX: number;
  readonly scaleY: number;
  readonly fill: HTMLCanvasElement;
  readonly outline: HTMLCanvasElement;
}

export interface InstanceProblem {
  readonly instanceId: number;
  readonly message: string;
}

const CACHE_LIMIT = 256;
/** Insertion-ordered, so the first key is the least recently used. */
const cache = new Map<string, InstanceBitmap | null>();

function cacheKey(instance: MaskInstance, color: string, imageWidth: number, imageHeight: number): string {
  return `${instance.id}|${color}|${imageWidth}x${imageHeight}|${instance.rle.size.join('x')}|${instance.rle.counts.length}|${instance.rle.counts.slice(0, 64)}`;
}

function remember(key: string, value: InstanceBitmap | null): void {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

function toCanvas(pixels: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('this browser cannot draw on a 2D canvas');
  context.putImageData(new ImageData(pixels, width, height), 0, 0);
  return canvas;
}

/** Decodes and rasterises one instance; null for an empty mask. Throws for malformed RLE. */
export function buildInstanceBitmap(instance: MaskInstance, color: string, imageWidth: number, imageHeight: number): InstanceBitmap | null {
  const mask = decodeRle(instance.rle);
  const overlay = rasterizeMaskOverlay(mask, parseHexColor(color));
  if (overlay === null) return null;
  const { bounds } = overlay;
  return {
    instanceId: instance.id,
    bounds,
    scaleX: imageWidth / mask.width,
    scaleY: imageHeight / mask.height,
    fill: toCanvas(overlay.fill as Uint8ClampedArray<ArrayBuffer>, bounds.width, bounds.height),
    outline: toCanvas(overlay.outline as Uint8ClampedArray<ArrayBuffer>, bounds.width, bounds.height),
  };
}

export interface MaskBitmapsState {
  readonly bitmaps: readonly InstanceBitmap[];
  readonly problems: readonly InstanceProblem[];
  /** True until every instance has been decoded. */
  readonly pending: boolean;
}

interface Built extends MaskBitmapsState {
  readonly key: string;
}

const EMPTY: MaskBitmapsState = { bitmaps: [], problems: [], pending: false };

function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Bitmaps for `instances`, built progressively (each finished instance appears at once) and in list
 * order. `colorOf` maps a label to its `#rrggbb` colour.
 */
export function useMaskBitmaps(
  instances: readonly MaskInstance[] | undefined,
  colorOf: (label: string) => string,
  imageWidth: number,
  imageHeight: number,
): MaskBitmapsState {
  const jobs = (instances ?? []).map((instance) => ({ instance, color: colorOf(instance.label) }));
  const key = `${imageWidth}x${imageHeight}|${jobs.map((job) => cacheKey(job.instance, job.color, imageWidth, imageHeight)).join(',')}`;
  const [built, setBuilt] = useState<Built | null>(null);
  const jobsRef = useRef(jobs);
  useEffect(() => {
    jobsRef.current = jobs;
  });

  useEffect(() => {
    const work = jobsRef.current;
    if (work.length === 0 || imageWidth <= 0 || imageHeight <= 0) return;
    let live = true;
    void (async () => {
      const bitmaps: InstanceBitmap[] = [];
      const problems: InstanceProblem[] = [];
      let sinceYield = 0;
      for (let index = 0; index < work.length; index++) {
        const job = work[index];
        if (job === undefined) continue;
        const jobKey = cacheKey(job.instance, job.color, imageWidth, imageHeight);
        let bitmap: InstanceBitmap | null | undefined = cache.get(jobKey);
        if (bitmap === undefined) {
          if (sinceYield > 0) {
            await yieldToBrowser();
            if (!live) return;
            sinceYield = 0;
          }
          try {
            bitmap = buildInstanceBitmap(job.instance, job.color, imageWidth, imageHeight);
            remember(jobKey, bitmap);
          } catch (thrown) {
            problems.push({ instanceId: job.instance.id, message: thrown instanceof Error ? thrown.message : String(thrown) });
            bitmap = null;
          }
          sinceYield += 1;
        }
        if (bitmap !== null) bitmaps.push(bitmap);
        if (sinceYield > 0 || index === work.length - 1) {
          setBuilt({ key, bitmaps: [...bitmaps], problems: [...problems], pending: index < work.length - 1 });
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [key, imageWidth, imageHeight]);

  if (jobs.length === 0) return EMPTY;
  if (built === null || built.key !== key) return { bitmaps: [], problems: [], pending: true };
  return built;
}
