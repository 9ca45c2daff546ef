/**
 * The one IPC contract: every request, response and event, declared once with its runtime schema.
 * The Electron preload, the web bridge of `intseg serve`, the CLI's direct calls and the main-side
 * router are all derived from this table. Handlers receive the parsed input (defaults applied) and
 * their output is validated before it leaves main.
 */
import { z } from 'zod';
import type { EventChannel, RequestChannel } from './channels';
import { Empty, Id } from '../dto/common';
import { CreateProjectInput, Project, ProjectRef, UpdateProjectInput } from '../dto/projects';
import { AddImagesInput, ImageList, ImageRef, ImageSummary, ListImagesInput, VerifyImagesResult } from '../dto/images';
import { ImageMasks } from '../dto/masks';
import { Job, JobProgress, JobRef, JobStarted, ListJobsInput } from '../dto/jobs';
import { runEvents, runRequests } from './sections/runs';
import { dataRequests } from './sections/data';

import type { RequestSpec } from './spec';
export type { RequestSpec } from './spec';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  transport: z.enum(['electron', 'web', 'direct']),
  platform: z.string(),
  /** Native dialogs exist only in the desktop window; in a browser tab the user types a path on the server. */
  canPickPaths: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PickPathsInput = z.object({ kind: z.enum(['folder', 'files']) }).strict();
export const PickedPaths = z.object({ paths: z.array(z.string()) });

const foundationRequests = {
  'app.info': { input: Empty, output: AppInfo },
  'app.pickPaths': { input: PickPathsInput, output: PickedPaths },
  'projects.list': { input: Empty, output: z.array(Project) },
  'projects.get': { input: ProjectRef, output: Project },
  'projects.create': { input: CreateProjectInput, output: Project },
  'projects.update': { input: UpdateProjectInput, output: Project },
  'images.list': { input: ListImagesInput, output: ImageList },
  'images.get': { input: ImageRef, output: ImageSummary },
  'images.add': { input: AddImagesInput, output: JobStarted },
  'images.verify': { input: ProjectRef, output: VerifyImagesResult },
  'masks.forImage': { input: ImageRef, output: ImageMasks },
  'jobs.list': { input: ListJobsInput, output: z.array(Job) },
  'jobs.get': { input: JobRef, output: Job },
  'jobs.cancel': { input: JobRef, output: Job },
  'jobs.resume': { input: JobRef, output: Job },
} as const;

/** The one table: every section's channels, checked against channels.ts in both directions. */
export const requests = { ...foundationRequests, ...runRequests, ...dataRequests } as const satisfies { readonly [K in RequestChannel]: RequestSpec };

export const events = {
  'jobs.progress': JobProgress,
  'projects.changed': z.object({ projectId: Id }),
  ...runEvents,
} as const satisfies { readonly [K in EventChannel]: z.ZodType };

type Requests = typeof requests;

/** What a caller sends (defaults may be omitted). */
export type RequestInput<K extends RequestChannel> = z.input<Requests[K]['input']>;
/** What a handler receives (parsed, defaults applied). */
export type HandlerInput<K extends RequestChannel> = z.output<Requests[K]['input']>;
export type RequestOutput<K extends RequestChannel> = z.output<Requests[K]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;
