/**
 * Adapter 'opencv-inpaint': the Inpainter port with no weights, OpenCV's cv.inpaint (Telea or
 * Navier-Stokes) from @techstark/opencv-js (WebAssembly). Works offline on any machine.
 *
 * Loading: the module object is an Emscripten thenable whose then() calls back with itself, so awaiting it,
 * or resolving any promise with it, never settles. Readiness is signalled by onRuntimeInitialized (or is
 * already there when Mat exists), and the module is handed out wrapped in a plain object.
 * The WebAssembly compilation holds no event-loop handle, so a timer keeps the process alive until it is
 * ready (a CLI would otherwise exit mid-load), and gives up after READY_TIMEOUT_MS with an error.
 * The module is required lazily (only packs that use this adapter pay for it), synchronously (a dynamic
 * import would resolve with the thenable too), and the process-wide 'uncaughtException' and
 * 'unhandledRejection' listeners its Emscripten runtime installs are removed again: they rethrow / abort,
 * which kills a host (a test runner, the inference process) that handles those events itself.
 */
import { createRequire } from 'node:module';
import type * as OpenCvModule from '@techstark/opencv-js';
import { z } from 'zod';
import type { BinaryMask, RgbImage } from '../../../../core/image';
import type { Inpainter } from '../../../../core/ports';
import { parseOptions, type AdapterContext, type AdapterDefinition } from '../adapter-types';
import { assertSameSize, countOnes } from '../image-ops';

type OpenCv = typeof OpenCvModule;

/** Wrapped: a promise resolved with the module itself would adopt its then() and never settle. */
export interface OpenCvHandle {
  readonly cv: OpenCv;
}

let ready: Promise<OpenCvHandle> | null = null;
const READY_TIMEOUT_MS = 60_000;

function requireOpenCv(): unknown {
  const exceptionListeners = new Set(process.listeners('uncaughtException'));
  const rejectionListeners = new Set(process.listeners('unhandledRejection'));
  const module: unknown = createRequire(import.meta.url)('@techstark/opencv-js');
  for (const listener of process.listeners('uncaughtException')) if (!exceptionListeners.has(listener)) process.removeListener('uncaughtException', listener);
  for (const listener of process.listeners('unhandledRejection')) if (!rejectionListeners.has(listener)) process.removeListener('unhandledRejection', listener);
  return module;
}

/** Resolves once the WebAssembly runtime is initialised; never awaits the module object itself. */
export function openCv(): Promise<OpenCvHandle> {
  if (ready !== null) return ready;
  ready = new Promise<OpenCvHandle>((resolve, reject) => {
    const module = requireOpenCv() as OpenCv & { onRuntimeInitialized?: () => void };
    if (typeof module.Mat === 'function') {
      resolve({ cv: module });
      return;
    }
    const started = Date.now();
    const poll = setInterval(() => {
      if (typeof module.Mat === 'function') done();
      else if (Date.now() - started > READY_TIMEOUT_MS) {
        clearInterval(poll);
        ready = null;
        reject(new Error(`OpenCV.js did not initialise within ${READY_TIMEOUT_MS / 1000} s`));
      }
    }, 50);
    const done = (): void => {
      clearInterval(poll);
      resolve({ cv: module });
    };
    module.onRuntimeInitialized = done;
  });
  return ready;
}

const optionsSchema = z.object({
  method: z.enum(['telea', 'ns']).default('telea'),
  /** Neighbourhood radius in pixels. */
  radius: z.number().positive().max(64).default(5),
});
type Options = z.infer<typeof optionsSchema>;

export class OpenCvInpainter implements Inpainter {
  readonly id: string;

  constructor(
    private readonly cv: OpenCv,
    private readonly options: Options,
  ) {
    this.id = `opencv-${options.method}`;
  }

  async inpaint(image: RgbImage, region: BinaryMask): Promise<RgbImage> {
    assertSameSize(image, region, 'OpenCV inpaint');
    if (countOnes(region) === 0) return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
    const { cv } = this;
    const src = new cv.Mat(image.height, image.width, cv.CV_8UC3);
    const mask = new cv.Mat(region.height, region.width, cv.CV_8UC1);
    const dst = new cv.Mat();
    src.data.set(image.data);
    const maskBytes = mask.data;
    for (let i = 0; i < region.data.length; i++) maskBytes[i] = region.data[i] === 1 ? 255 : 0;
    try {
      cv.inpaint(src, mask, dst, this.options.radius, this.options.method === 'telea' ? cv.INPAINT_TELEA : cv.INPAINT_NS);
      return { width: image.width, height: image.height, data: new Uint8Array(dst.data) };
    } finally {
      src.delete();
      mask.delete();
      dst.delete();
    }
  }
}

export const openCvAdapter: AdapterDefinition = {
  id: 'opencv-inpaint',
  description: "OpenCV cv.inpaint (Telea or Navier-Stokes), no weights; option method: 'telea' | 'ns'",
  requiresModel: false,
  standIn: false,
  factories: {
    inpainter: async (context: AdapterContext) => {
      const options = parseOptions(context, optionsSchema);
      const started = Date.now();
      const { cv } = await openCv();
      context.record({ role: context.port, path: '@techstark/opencv-js', requestedDevice: context.device, device: 'cpu', fallbackReason: context.device === 'cpu' ? null : 'OpenCV.js runs on the CPU only', loadMs: Date.now() - started, notes: [`method ${options.method}, radius ${options.radius}`] });
      return new OpenCvInpainter(cv, options);
    },
  },
};
