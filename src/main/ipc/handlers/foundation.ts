/** Handlers of the foundation channels: app, projects, images, masks, jobs. */
import { platform } from 'node:process';
import type { JobRecord } from '../../storage/repositories/jobs';
import type { ImageRecord } from '../../storage/repositories/images';
import type { ImageSummary } from '../../../shared/dto/images';
import type { Job } from '../../../shared/dto/jobs';
import { AppError } from '../../../shared/result';
import { APP_NAME, APP_VERSION } from '../../app/version';
import { currentMasks } from '../../services/masks';
import type { HandlerDeps } from './types';
import type { HandlersFor } from './types';
import type { FOUNDATION_REQUEST_CHANNELS } from '../../../shared/ipc/channels';


export function toImageSummary(record: ImageRecord): ImageSummary {
  return {
    id: record.id,
    projectId: record.projectId,
    fileName: record.fileName,
    path: record.path,
    width: record.width,
    height: record.height,
    contentHash: record.contentHash,
    status: record.status,
    error: record.error,
    addedAt: record.addedAt,
  };
}

export function toJobDto(record: JobRecord): Job {
  return {
    id: record.id,
    kind: record.kind,
    projectId: record.projectId,
    status: record.status,
    done: record.done,
    total: record.total,
    message: record.message,
    error: record.error,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  };
}

export function foundationHandlers(deps: HandlerDeps): HandlersFor<(typeof FOUNDATION_REQUEST_CHANNELS)[number]> {
  const { storage, services, jobs, host } = deps;
  return {
    'app.info': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      dataDir: deps.dataDir,
      transport: deps.transport,
      platform: `${platform}-${process.arch}`,
      canPickPaths: host.pickPaths !== undefined,
    }),
    'app.pickPaths': async ({ kind }) => {
      if (host.pickPaths === undefined) {
        throw new AppError('unsupported', 'this window cannot open a file dialog: type the paths on the machine that runs IntSeg Studio');
      }
      return { paths: await host.pickPaths(kind) };
    },
    'projects.list': () => services.projects.list(),
    'projects.get': ({ projectId }) => services.projects.get(projectId),
    'projects.create': (input, context) => services.projects.create(input, context.actor),
    'projects.update': (input, context) => services.projects.update(input, context.actor),
    'images.list': ({ projectId, offset, limit, status }) => {
      const page = services.images.list(projectId, { offset, limit, ...(status !== undefined ? { status } : {}) });
      return { total: page.total, items: page.items.map(toImageSummary) };
    },
    'images.get': ({ imageId }) => toImageSummary(services.images.get(imageId)),
    'images.add': ({ projectId, paths }, context) => services.images.addImages({ projectId, paths, actor: context.actor }),
    'images.verify': async ({ projectId }, context) => {
      const report = await services.images.verify(projectId, { actor: context.actor });
      return {
        checked: report.checked,
        missing: report.missing.map((problem) => ({ path: problem.path, reason: problem.reason })),
        changed: report.changed.map((problem) => ({ path: problem.path, reason: problem.reason })),
      };
    },
    'masks.forImage': ({ imageId }) => currentMasks(storage, imageId),
    'jobs.list': ({ projectId, activeOnly }) =>
      storage.jobs.list({ ...(projectId !== undefined ? { projectId } : {}), ...(activeOnly !== undefined ? { activeOnly } : {}) }).map(toJobDto),
    'jobs.get': ({ jobId }) => toJobDto(storage.jobs.require(jobId)),
    'jobs.cancel': ({ jobId }) => toJobDto(jobs.cancel(jobId)),
    'jobs.resume': ({ jobId }) => toJobDto(jobs.resume(jobId)),
  };
}
