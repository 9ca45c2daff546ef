/**
 * The `int` request: read the image, run INT with the pack's models, and encode what the host stores:
 * each iteration's trace (JSON) with M_i as an 8-bit PNG, the final soft mask as PNG and the final binary
 * mask as COCO RLE. Encoding here keeps megabytes of float masks from crossing the process boundary.
 */
import sharp from 'sharp';
import { runInt, traceWithoutMasks, resolveIntConfig } from '../../../core/int';
import { requiredPorts } from '../../../core/int/required-ports';
import { encodeRle } from '../../../core/mask/rle';
import { maskArea, maskBbox } from '../../../core/mask/ops';
import type { SoftMask } from '../../../core/image';
import type { CancelToken } from '../../../core/cancel';
import { AppError } from '../../../shared/result';
import { ImageDecodeError, readRgb } from '../../imaging/decode';
import type { SegmentResult } from './protocol';
import type { PackCache } from './worker';
import type { z } from 'zod';
import type { SegmentRequest } from './protocol';

export async function softMaskPng(mask: SoftMask): Promise<Uint8Array> {
  const bytes = new Uint8Array(mask.width * mask.height);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.round(Math.min(1, Math.max(0, mask.data[i] ?? 0)) * 255);
  return new Uint8Array(await sharp(bytes, { raw: { width: mask.width, height: mask.height, channels: 1 } }).png({ compressionLevel: 6 }).toBuffer());
}

export async function segmentImage(
  request: z.infer<typeof SegmentRequest>,
  packs: PackCache,
  cancel: CancelToken,
  onProgress: (progress: { iteration: number; iterations: number; stage: string; fraction: number }) => void,
): Promise<SegmentResult> {
  const started = Date.now();
  const resolved = resolveIntConfig(request.config);
  if (!resolved.ok) {
    const detail = resolved.issues.map((issue) => `${issue.path || 'config'}: expected ${issue.expected}, found ${issue.found}`).join('; ');
    throw new AppError('invalid_input', `invalid INT configuration: ${detail}`, { issues: resolved.issues });
  }
  const config = resolved.value;
  const pack = await packs.get(request.packDir, requiredPorts(config));

  let image;
  try {
    image = await readRgb(request.imagePath);
  } catch (error) {
    if (error instanceof ImageDecodeError) throw new AppError('corrupt_file', `${request.imagePath}: ${error.reason}`, { path: request.imagePath });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `${request.imagePath} was moved or deleted`, { path: request.imagePath });
    throw error;
  }
  if (image.width !== request.expectedWidth || image.height !== request.expectedHeight) {
    throw new AppError('conflict', `${request.imagePath} changed on disk: it was ${request.expectedWidth}x${request.expectedHeight}, now ${image.width}x${image.height}`);
  }

  const result = await runInt(image, request.taskPrompt, pack.models, { config, cancel, onProgress });
  const json = traceWithoutMasks(result.trace);
  const iterations = await Promise.all(
    result.trace.iterations.map(async (iteration, index) => ({ trace: json.iterations[index], softMaskPng: await softMaskPng(iteration.mask) })),
  );
  const rle = encodeRle(result.binary);
  const { iterations: _omitted, ...summary } = json;
  return {
    iterations,
    finalIteration: result.trace.selectedIteration,
    summary: { ...summary, pack: pack.report },
    uncertainty: result.trace.uncertainty.score,
    finalSoftPng: await softMaskPng(result.soft),
    finalRle: { size: [rle.size[0], rle.size[1]], counts: rle.counts },
    area: maskArea(result.binary),
    bbox: maskBbox(result.binary),
    elapsedMs: Date.now() - started,
  };
}
