/**
 * Each iteration's soft mask M_i (asset kind 'iteration': an 8-bit grayscale PNG by iteration id),
 * decoded once into its gray values and a coloured heat canvas (heatMap.ts) that Konva draws scaled to
 * the image. Iteration rows never change (a re-run writes new rows), so results are cached by id.
 */
import { useEffect, useState } from 'react';
import { assetUrl } from '../../../api/client';
import { buildHeatLut, colorizeGrayPixels } from './heatMap';

export interface IterationMask {
  readonly iterationId: number;
  readonly width: number;
  readonly height: number;
  /** Mask values 0..255, row-major. */
  readonly gray: Uint8Array;
  /** The heat overlay, mask-sized. */
  readonly heat: HTMLCanvasElement;
}

/**
 * The cache holds at most this many mask pixels (5 bytes each: gray + RGBA heat), about 200 MB: a few
 * images' worth of iterations at 4000x3000, hundreds at dataset sizes. Least recently used goes first.
 */
const CACHE_PIXELS = 40_000_000;
const cache = new Map<number, IterationMask>();
let cachedPixels = 0;
let lut: Uint32Array | null = null;

function remember(mask: IterationMask): void {
  const previous = cache.get(mask.iterationId);
  if (previous !== undefined) {
    cache.delete(mask.iterationId);
    cachedPixels -= previous.width * previous.height;
  }
  cache.set(mask.iterationId, mask);
  cachedPixels += mask.width * mask.height;
  while (cachedPixels > CACHE_PIXELS && cache.size > 1) {
    const [oldestId, oldest] = cache.entries().next().value ?? [];
    if (oldestId === undefined || oldest === undefined) break;
    cache.delete(oldestId);
    cachedPixels -= oldest.width * oldest.height;
  }
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`the soft mask at ${url} could not be loaded`));
    image.src = url;
  });
}

async function decodeIterationMask(iterationId: number): Promise<IterationMask> {
  const image = await loadImage(assetUrl('iteration', iterationId));
  const width = image.naturalWidth;
  const height = image.naturalHeight;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('this browser cannot draw on a 2D canvas');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, width, height);
  const gray = new Uint8Array(width * height);
  for (let i = 0, byte = 0; i < gray.length; i++, byte += 4) gray[i] = pixels.data[byte];
  lut ??= buildHeatLut();
  colorizeGrayPixels(pixels.data, lut);
  context.putImageData(pixels, 0, 0);
  return { iterationId, width, height, gray, heat: canvas };
}

export interface IterationMasksState {
  readonly masks: ReadonlyMap<number, IterationMask>;
  readonly errors: ReadonlyMap<number, string>;
}

const EMPTY: IterationMasksState = { masks: new Map(), errors: new Map() };

/** Masks of the given iterations, filled in as they decode (cached ones at once). */
export function useIterationMasks(iterationIds: readonly number[]): IterationMasksState {
  const key = iterationIds.join(',');
  const [state, setState] = useState<{ readonly key: string; readonly value: IterationMasksState } | null>(null);

  useEffect(() => {
    const ids = key === '' ? [] : key.split(',').map(Number);
    let live = true;
    const masks = new Map<number, IterationMask>();
    const errors = new Map<number, string>();
    const publish = (): void => {
      if (live) setState({ key, value: { masks: new Map(masks), errors: new Map(errors) } });
    };
    void (async () => {
      for (const id of ids) {
        const cached = cache.get(id);
        if (cached !== undefined) {
          remember(cached);
          masks.set(id, cached);
        }
      }
      publish();
      for (const id of ids) {
        if (!live) return;
        if (masks.has(id)) continue;
        try {
          const mask = await decodeIterationMask(id);
          remember(mask);
          masks.set(id, mask);
        } catch (error) {
          errors.set(id, error instanceof Error ? error.message : String(error));
        }
        publish();
      }
    })();
    return () => {
      live = false;
    };
  }, [key]);

  return state !== null && state.key === key ? state.value : EMPTY;
}
