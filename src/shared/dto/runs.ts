import { z } from 'zod';
import { Id, IsoTime } from './common';

export const ROUTES = ['clip', 'vlm'] as const;
export const SCALES = ['whole', 'halves', 'quarters'] as const;
/** INT.md section 6: each module can be switched off. */
export const ABLATIONS = ['hcg', 'psnm', 'pnm', 'smg'] as const;
export type Ablation = (typeof ABLATIONS)[number];

/** What a person chooses for a run; everything else takes the paper's defaults (core/int/config.ts). */
export const RunOptions = z
  .object({
    route: z.enum(ROUTES).optional(),
    iterations: z.number().int().min(1, 'at least 1 iteration').max(20, 'at most 20 iterations').optional(),
    scales: z
      .array(z.enum(SCALES))
      .min(1, 'at least one scale')
      .refine((scales) => new Set(scales).size === scales.length, 'each scale at most once')
      .optional(),
    ablate: z
      .array(z.enum(ABLATIONS))
      .refine((names) => new Set(names).size === names.length, 'each module at most once')
      .optional(),
    earlyStop: z.boolean().optional(),
  })
  .strict();
export type RunOptions = z.infer<typeof RunOptions>;

export const StartRunInput = z
  .object({
    projectId: Id,
    /** An installed pack's name, or the absolute path of a pack folder. */
    pack: z.string().trim().min(1, 'name a model pack'),
    options: RunOptions.default({}),
    /** Only these images (default: every image of the project whose file is present). */
    imageIds: z.array(Id).min(1).max(100_000).optional(),
    /**
     * Finish a run of this project with the same pack and options that a killed process left interrupted,
     * instead of starting another (what re-running the same command should do).
     */
    resumeInterrupted: z.boolean().default(false),
  })
  .strict();
export type StartRunInput = z.infer<typeof StartRunInput>;

export const RUN_STATUSES = ['queued', 'running', 'paused', 'cancelled', 'failed', 'done'] as const;
export const RunStatus = z.enum(RUN_STATUSES);

export const PackReportView = z.object({
  /** CPU fallbacks in words: never silent. */
  fallbacks: z.array(z.string()),
  /** Ports served by test stand-ins. */
  standIns: z.array(z.string()),
  /** One row per model file opened: which port(s) it serves, the file, where it runs and where it was asked to. */
  devices: z.array(z.object({ role: z.string(), file: z.string(), device: z.string(), requestedDevice: z.string() })),
});
export type PackReportView = z.infer<typeof PackReportView>;

export const RunSummary = z.object({
  id: Id,
  projectId: Id,
  status: RunStatus,
  createdAt: IsoTime,
  startedAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
  error: z.string().nullable(),
  imageCount: z.number().int().nonnegative(),
  doneCount: z.number().int().nonnegative(),
  failedCount: z.number().int().nonnegative(),
  packName: z.string().nullable(),
  testOnlyPack: z.boolean(),
  options: z.object({ route: z.enum(ROUTES), iterations: z.number().int(), scales: z.array(z.enum(SCALES)), ablate: z.array(z.enum(ABLATIONS)), earlyStop: z.boolean() }),
  /** The job that executes the run, while one exists. */
  jobId: Id.nullable(),
  packReport: PackReportView.nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunStarted = z.object({ runId: Id, jobId: Id, resumed: z.boolean() });

/** The options with the paper's defaults filled in (INT.md: I = 5, all scales, nothing ablated, no early stop). */
export function resolveRunOptions(options: RunOptions): Required<RunOptions> {
  return {
    route: options.route ?? 'clip',
    iterations: options.iterations ?? 5,
    scales: options.scales ?? ['whole', 'halves', 'quarters'],
    ablate: options.ablate ?? [],
    earlyStop: options.earlyStop ?? false,
  };
}

export const RunRef = z.object({ runId: Id }).strict();
export const ListRunsInput = z.object({ projectId: Id }).strict();

export const RUN_IMAGE_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
export const RunImage = z.object({
  imageId: Id,
  fileName: z.string(),
  status: z.enum(RUN_IMAGE_STATUSES),
  error: z.string().nullable(),
  uncertainty: z.number().nullable(),
  finalIteration: z.number().int().nullable(),
});
export type RunImage = z.infer<typeof RunImage>;

export const ListRunImagesInput = z
  .object({
    runId: Id,
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().positive().max(5000).default(500),
    /** Most uncertain first: the review order. */
    order: z.enum(['run', 'uncertainty']).default('run'),
  })
  .strict();
export const RunImageList = z.object({ total: z.number().int().nonnegative(), items: z.array(RunImage) });

const BoxView = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });

/** Where a candidate came from (core/int/trace.ts CandidateTrace.source): a patch answer, the task prompt, or PNM's memory. */
export const CandidateSource = z.enum(['proposer', 'task-prompt', 'memory']);

export const CandidateView = z.object({
  index: z.number().int(),
  source: CandidateSource,
  patch: z.string(),
  raw: z.string().nullable(),
  rawName: z.string(),
  name: z.string(),
  background: z.string().nullable(),
  box: BoxView.nullable(),
  scoreBefore: z.number().nullable(),
  scoreAfter: z.number().nullable(),
  drop: z.number().nullable(),
  pnmFactor: z.number().nullable(),
  d: z.number().nullable(),
  dnorm: z.number().nullable(),
  error: z.string().nullable(),
});
export type CandidateView = z.infer<typeof CandidateView>;

export const IterationView = z.object({
  /** Row id: the key of the iteration's soft-mask asset. */
  id: Id,
  index: z.number().int().positive(),
  chosenPrompt: z.string().nullable(),
  rule: z.string(),
  ranking: z.array(z.string()),
  fallback: z.string(),
  fallbackReason: z.string().nullable(),
  phrase: z.string(),
  backgroundNames: z.array(z.string()),
  vocabulary: z.array(z.string()),
  candidates: z.array(CandidateView),
  dropped: z.array(z.object({ patch: z.string(), raw: z.string().nullable(), reason: z.string() })),
  detections: z.array(z.object({ box: BoxView, score: z.number(), phrase: z.string() })),
  points: z.array(z.object({ x: z.number(), y: z.number(), label: z.union([z.literal(0), z.literal(1)]) })),
  boxMasks: z.array(z.object({ box: BoxView, source: z.string(), predictedIoU: z.number(), s: z.number().nullable(), weight: z.number() })),
  meanAbsChange: z.number().nullable(),
  errors: z.array(z.string()),
  timingsMs: z.record(z.string(), z.number()),
});
export type IterationView = z.infer<typeof IterationView>;

export const ImageTraceInput = z.object({ runId: Id, imageId: Id }).strict();
export const ImageTrace = z.object({
  runId: Id,
  imageId: Id,
  status: z.enum(RUN_IMAGE_STATUSES),
  error: z.string().nullable(),
  finalIteration: z.number().int().nullable(),
  uncertainty: z
    .object({ score: z.number(), spread: z.number(), margin: z.number().nullable(), softness: z.number() })
    .nullable(),
  models: z.record(z.string(), z.union([z.string(), z.boolean()])).nullable(),
  totalMs: z.number().nullable(),
  /** ||M_i - Mbar||_2 per iteration (the quantity i* minimises), from the trace. */
  distancesToMean: z.array(z.number()).nullable(),
  stoppedEarly: z.boolean().nullable(),
  iterations: z.array(IterationView),
});
export type ImageTrace = z.infer<typeof ImageTrace>;

export const ModelPackInfo = z.object({
  name: z.string(),
  version: z.string(),
  dir: z.string(),
  description: z.string().nullable(),
  testOnly: z.boolean(),
  ports: z.array(z.string()),
});
export type ModelPackInfo = z.infer<typeof ModelPackInfo>;

export const RunChanged = z.object({ runId: Id, projectId: Id, imageId: Id.nullable() });

export const ImportPackInput = z
  .object({
    /** Absolute path of a pack folder (pack.json and the files it names). */
    path: z.string().min(1),
    /** The installed name (default: the manifest's name). */
    name: z.string().trim().min(1).max(100).optional(),
    /** Replace an installed pack of the same name. */
    force: z.boolean().default(false),
  })
  .strict();

export const PackRef = z.object({ pack: z.string().trim().min(1, 'name a model pack') }).strict();

export const PackCheckResult = z.object({
  pack: ModelPackInfo,
  report: PackReportView,
  loadMs: z.number().nonnegative(),
});
