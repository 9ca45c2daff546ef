/**
 * Messages between the inference host (in main) and the inference process. The process owns every
 * model session; the host owns the database. Requests carry paths and settings, never model objects;
 * results carry JSON-safe traces and small encoded masks (PNG, COCO RLE), not raw tensors.
 * Both sides validate what they receive: a process that sends garbage is treated as crashed.
 */
import { z } from 'zod';
import type { AppErrorShape } from '../../../shared/result';

export const PackRequest = z.object({
  type: z.literal('load-pack'),
  packDir: z.string().min(1),
  ports: z.array(z.string()).min(1),
});

export const SegmentRequest = z.object({
  type: z.literal('int'),
  packDir: z.string().min(1),
  imagePath: z.string().min(1),
  /** The size the project recorded (EXIF-oriented); a file that no longer has it is refused as changed. */
  expectedWidth: z.number().int().positive(),
  expectedHeight: z.number().int().positive(),
  taskPrompt: z.string().min(1),
  /** An IntConfigInput; the process validates it with core's validator. */
  config: z.record(z.string(), z.unknown()),
});

export const PingRequest = z.object({ type: z.literal('ping') });

/** The synthetic camouflage benchmark (core/synthetic) on a pack's models: full INT and its ablations. */
export const SyntheticBenchRequest = z.object({
  type: z.literal('bench-synthetic'),
  packDir: z.string().min(1),
  n: z.number().int().positive().max(10_000),
  seed: z.number().int().nonnegative(),
  size: z.number().int().min(32).max(2048),
  variants: z.array(z.string()).min(1),
});

export const InferenceRequest = z.discriminatedUnion('type', [PackRequest, SegmentRequest, PingRequest, SyntheticBenchRequest]);
export type InferenceRequest = z.infer<typeof InferenceRequest>;

export const HostMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), id: z.number().int().positive(), request: InferenceRequest }),
  z.object({ kind: z.literal('cancel'), id: z.number().int().positive() }),
  z.object({ kind: z.literal('shutdown') }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

export const StageProgress = z.object({
  iteration: z.number(),
  iterations: z.number(),
  stage: z.string(),
  fraction: z.number(),
});
export type StageProgress = z.infer<typeof StageProgress>;

const ErrorShape = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

export const WorkerMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), pid: z.number().int() }),
  z.object({ kind: z.literal('progress'), id: z.number().int().positive(), progress: StageProgress }),
  z.object({
    kind: z.literal('response'),
    id: z.number().int().positive(),
    ok: z.boolean(),
    value: z.unknown().optional(),
    error: ErrorShape.optional(),
  }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessage>;

/** One iteration of the INT trace as it crosses the process boundary: the JSON part and M_i as an 8-bit PNG. */
export interface IterationPayload {
  readonly trace: unknown;
  readonly softMaskPng: Uint8Array;
}

export interface SegmentResult {
  readonly iterations: readonly IterationPayload[];
  /** i*, 1-based. */
  readonly finalIteration: number;
  /** The trace without masks and iterations: configuration, model ids, uncertainty, timings. */
  readonly summary: unknown;
  readonly uncertainty: number;
  readonly finalSoftPng: Uint8Array;
  readonly finalRle: { readonly size: [number, number]; readonly counts: string };
  readonly area: number;
  readonly bbox: [number, number, number, number];
  readonly elapsedMs: number;
}

export type ResponseError = AppErrorShape;
