/**
 * The INT trace as it arrives from the inference process, checked before it is stored: the process is
 * another program, and what it sends is validated like any other input. Mirrors core/int/trace.ts
 * (IterationTraceJson) in the fields the app stores and shows.
 */
import { z } from 'zod';
import { CandidateSource } from '../../../shared/dto/runs';

const Box = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });
const Num = z.number().nullable();

export const CandidateJson = z.object({
  index: z.number().int(),
  source: CandidateSource,
  patch: z.object({ name: z.string() }).loose(),
  raw: z.string().nullable(),
  rawName: z.string(),
  name: z.string(),
  background: z.string().nullable(),
  box: Box.nullable(),
  region: z.unknown(),
  scoreBefore: Num,
  scoreAfter: Num,
  drop: Num,
  pnmFactor: Num,
  d: Num,
  dnorm: Num,
  error: z.string().nullable(),
});

export const IterationJson = z.object({
  iteration: z.number().int().positive(),
  proposalsReused: z.boolean(),
  candidates: z.array(CandidateJson),
  dropped: z.array(z.object({ patch: z.object({ name: z.string() }).loose(), raw: z.string().nullable(), reason: z.string() })),
  vocabulary: z.array(z.string()),
  inpaints: z.array(z.unknown()),
  selection: z.object({ rule: z.string(), candidate: z.number().int(), name: z.string(), ranking: z.array(z.string()) }),
  fallback: z.string(),
  fallbackReason: z.string().nullable(),
  phrase: z.string(),
  backgroundNames: z.array(z.string()),
  detections: z.array(z.object({ box: Box, score: z.number(), phrase: z.string() })),
  points: z.array(z.object({ x: z.number(), y: z.number(), label: z.union([z.literal(0), z.literal(1)]) })),
  boxMasks: z.array(z.object({ box: Box, source: z.string(), predictedIoU: z.number(), s: Num, weight: z.number() })),
  meanAbsChange: Num,
  errors: z.array(z.string()),
  timingsMs: z.record(z.string(), z.number()),
});
export type IterationJson = z.infer<typeof IterationJson>;

export const SummaryJson = z
  .object({
    selectedIteration: z.number().int().positive(),
    uncertainty: z.object({ score: z.number(), spread: z.number(), margin: z.number().nullable(), softness: z.number() }),
    models: z.record(z.string(), z.union([z.string(), z.boolean()])),
    totalMs: z.number(),
    distancesToMean: z.array(z.number()),
    stoppedEarly: z.boolean(),
  })
  .loose();

const Bytes = z.instanceof(Uint8Array);

export const SegmentResultSchema = z.object({
  iterations: z.array(z.object({ trace: IterationJson, softMaskPng: Bytes })).min(1),
  finalIteration: z.number().int().positive(),
  summary: SummaryJson,
  uncertainty: z.number(),
  finalSoftPng: Bytes,
  finalRle: z.object({ size: z.tuple([z.number().int().positive(), z.number().int().positive()]), counts: z.string() }),
  area: z.number().int().nonnegative(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  elapsedMs: z.number(),
});
export type CheckedSegmentResult = z.infer<typeof SegmentResultSchema>;
