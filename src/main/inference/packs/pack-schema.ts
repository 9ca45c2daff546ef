/**
 * The model pack manifest (pack.json). A pack is a folder: pack.json plus the model files and folders it
 * names, with paths relative to the pack folder. One entry per INT port says which adapter serves it,
 * from which model, with which dtype, device preference and options. Ports may share a model (the CLIP
 * pair usually serves scorer, pointPrompter and clipScorer); the loader opens it once.
 *
 * Example:
 * {
 *   "format": "intseg-pack/1", "name": "fast-cpu", "version": "1.0.0",
 *   "ports": {
 *     "segmenter": { "adapter": "sam", "model": "slimsam", "dtype": "q8", "device": "cuda",
 *                    "files": [{ "path": "slimsam/onnx/vision_encoder_quantized.onnx", "revision": "8f1c...", "size": 9500000 }] },
 *     ...
 *   }
 * }
 */
import { z } from 'zod';
import { PORT_NAMES, type PortName } from '../../../core/ports';
import { DEVICE_PREFERENCES } from '../runtime/devices';
import { MODEL_DTYPES } from '../runtime/dtypes';

export const PACK_FORMAT = 'intseg-pack/1';
export const PACK_MANIFEST_FILE = 'pack.json';

/** A path inside the pack: relative, forward slashes, never leaving the pack folder. */
const packRelativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.includes('\\'), { message: 'must be a relative path with forward slashes' })
  .refine((p) => !p.split('/').includes('..'), { message: 'must stay inside the pack folder (no "..")' });

export const packFileSchema = z.strictObject({
  path: packRelativePath,
  /** The hub revision (commit) the file was taken from. */
  revision: z.string().min(1).optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits')
    .optional(),
  size: z.number().int().nonnegative().optional(),
});
export type PackFile = z.infer<typeof packFileSchema>;

/** Options are adapter-specific; each adapter validates its own with its schema at load. */
const optionValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);

export const portEntrySchema = z.strictObject({
  /** Adapter id from the adapter registry, e.g. 'clip', 'sam', 'lama', 'synthetic-proposer'. */
  adapter: z.string().min(1),
  /** Model folder (transformers.js layout) or .onnx file, relative to the pack. Absent for adapters without weights. */
  model: packRelativePath.optional(),
  dtype: z.enum(MODEL_DTYPES).default('fp32'),
  device: z.enum(DEVICE_PREFERENCES).default('cpu'),
  options: z.record(z.string(), optionValue).default({}),
  files: z.array(packFileSchema).default([]),
});
export type PortEntry = z.infer<typeof portEntrySchema>;

const portsShape = Object.fromEntries(PORT_NAMES.map((port) => [port, portEntrySchema.optional()])) as Record<PortName, z.ZodOptional<typeof portEntrySchema>>;

export const packManifestSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string().optional(),
  /** True for packs made of tiny test graphs and stand-ins (make-test-pack): results mean nothing about real models. */
  testOnly: z.boolean().default(false),
  ports: z.strictObject(portsShape),
});
export type PackManifest = z.infer<typeof packManifestSchema>;
