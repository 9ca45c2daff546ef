/**
 * Loads @techstark/opencv-js (test side only; core never imports it).
 * The Emscripten module is a thenable whose then() yields itself: imported as an ES module its
 * namespace exports `then`, which makes any `await import()` of it (vitest's loader does that)
 * recurse forever. It is therefore loaded with require() and handed out wrapped in an object.
 */
import { createRequire } from 'node:module';
import type cvType from '@techstark/opencv-js';

export type Cv = typeof cvType;

let ready: Promise<{ cv: Cv }> | undefined;

export function loadOpenCv(): Promise<{ cv: Cv }> {
  ready ??= new Promise<{ cv: Cv }>((resolve) => {
    const cv = createRequire(import.meta.url)('@techstark/opencv-js') as Cv;
    const module = cv as unknown as { Mat?: unknown; onRuntimeInitialized?: () => void };
    if (module.Mat) resolve({ cv });
    else module.onRuntimeInitialized = () => resolve({ cv });
  });
  return ready;
}
