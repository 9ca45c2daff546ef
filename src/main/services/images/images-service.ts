import type { RgbImage } from '../../../core/image';
import { AppError } from '../../../shared/result';
import { ImageDecodeError, readRgb } from '../../imaging/decode';
import type { JobQueue } from '../../jobs/queue';
import type { Actor } from '../../storage/repositories/common';
import type { ImageListQuery, ImageRecord } from '../../storage/repositories/images';
import type { Storage } from '../../storage/storage';
import { IMAGE_IMPORT_JOB, type ImageImportPayload } from './import-job';
import { importImages, type ImportImagesOptions, type ImportReport } from './import-images';
import { verifyImages, type VerifyOptions, type VerifyReport } from './verify-images';

/** The images use cases, for the service table (IPC, serve) and the CLI. No Electron here. */
export interface ImagesService {
  /** Queues an `image-import` job (progress arrives as job events); returns its id at once. */
  addImages(input: { projectId: number; paths: readonly string[]; actor: Actor }): { jobId: number };
  /** Imports in the caller's time, without the queue (the CLI's `--wait`, scripts, tests). */
  importNow(projectId: number, paths: readonly string[], options: ImportImagesOptions): Promise<ImportReport>;
  list(projectId: number, query?: ImageListQuery): { total: number; items: ImageRecord[] };
  get(imageId: number): ImageRecord;
  /** The stored WebP thumbnail. */
  thumbnail(imageId: number): Uint8Array | null;
  verify(projectId: number, options?: VerifyOptions): Promise<VerifyReport>;
  /** The image's pixels for the models, in the oriented frame its width and height describe. */
  readPixels(imageId: number): Promise<RgbImage>;
}

export function createImagesService(deps: { storage: Storage; jobs: JobQueue }): ImagesService {
  const { storage, jobs } = deps;
  return {
    addImages({ projectId, paths, actor }) {
      storage.projects.require(projectId);
      const payload: ImageImportPayload = { projectId, paths: [...paths], actor };
      return { jobId: jobs.enqueue(IMAGE_IMPORT_JOB, payload, projectId).id };
    },
    importNow: (projectId, paths, options) => importImages(storage, projectId, paths, options),
    list: (projectId, query) => {
      storage.projects.require(projectId);
      return storage.images.list(projectId, query);
    },
    get: (imageId) => storage.images.require(imageId),
    thumbnail: (imageId) => storage.images.thumbnail(imageId),
    verify: (projectId, options) => verifyImages(storage, projectId, options),
    async readPixels(imageId) {
      const image = storage.images.require(imageId);
      let rgb: RgbImage;
      try {
        rgb = await readRgb(image.path);
      } catch (error) {
        if (error instanceof ImageDecodeError) throw new AppError('corrupt_file', `image ${imageId} (${image.fileName}): ${error.reason}`, { path: image.path });
        const code = error instanceof Error && 'code' in error ? String(error.code) : '';
        if (code === 'ENOENT') throw new AppError('not_found', `image ${imageId} is missing: ${image.path} was moved or deleted`, { path: image.path });
        throw error;
      }
      if (rgb.width !== image.width || rgb.height !== image.height) {
        throw new AppError('conflict', `image ${imageId} changed on disk: it was ${image.width}x${image.height}, now ${rgb.width}x${rgb.height}`, { path: image.path });
      }
      return rgb;
    },
  };
}
