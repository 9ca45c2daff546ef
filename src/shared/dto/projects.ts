import { z } from 'zod';
import { HexColor, Id, IsoTime, ShortText, PromptText } from './common';
import { ImageStatus } from './images';

export const Label = z.object({ name: ShortText, color: HexColor }).strict();
export type Label = z.infer<typeof Label>;

export const Project = z.object({
  id: Id,
  name: z.string(),
  taskPrompt: z.string(),
  labels: z.array(Label),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  imageCount: z.number().int().nonnegative(),
  statusCounts: z.partialRecord(ImageStatus, z.number().int().nonnegative()),
});
export type Project = z.infer<typeof Project>;

/** Labels may be given as names (colours are assigned from the palette) or as name + colour. */
export const LabelInput = z.union([ShortText, Label]);

export const CreateProjectInput = z
  .object({
    name: ShortText,
    taskPrompt: PromptText,
    labels: z.array(LabelInput).max(255, 'at most 255 labels').optional(),
  })
  .strict();
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export const UpdateProjectInput = z
  .object({
    projectId: Id,
    name: ShortText.optional(),
    taskPrompt: PromptText.optional(),
    labels: z.array(LabelInput).max(255).optional(),
  })
  .strict();
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const ProjectRef = z.object({ projectId: Id }).strict();
