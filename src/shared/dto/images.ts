import { z } from 'zod';
import { Id, IsoTime } from './common';

export const IMAGE_STATUSES = ['new', 'queued', 'proposed', 'in_review', 'approved', 'rejected', 'missing', 'changed', 'error'] as const;
export const ImageStatus = z.enum(IMAGE_STATUSES);
export type ImageStatus = z.infer<typeof ImageStatus>;

export const ImageSummary = z.object({
  id: Id,
  projectId: Id,
  fileName: z.string(),
  path: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  contentHash: z.string(),
  status: ImageStatus,
  error: z.string().nullable(),
  addedAt: IsoTime,
});
export type ImageSummary = z.infer<typeof ImageSummary>;

export const ListImagesInput = z
  .object({
    projectId: Id,
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().positive().max(5000).default(500),
    status: ImageStatus.optional(),
  })
  .strict();

export const ImageList = z.object({ total: z.number().int().nonnegative(), items: z.array(ImageSummary) });
export type ImageList = z.infer<typeof ImageList>;

/** Absolute paths on the machine that runs the services (files or folders, folders are walked recursively). */
export const AddImagesInput = z
  .object({
    projectId: Id,
    paths: z.array(z.string().min(1)).min(1, 'give at least one file or folder').max(10_000),
  })
  .strict();

export const ImageRef = z.object({ imageId: Id }).strict();

/** One problem met while importing or checking an image, reported by file name with the reason. */
export const ImageProblem = z.object({ path: z.string(), reason: z.string() });
export type ImageProblem = z.infer<typeof ImageProblem>;

export const VerifyImagesResult = z.object({
  checked: z.number().int().nonnegative(),
  missing: z.array(ImageProblem),
  changed: z.array(ImageProblem),
});
