/**
 * Where an evaluation's ground truth comes from:
 * - stored: the project's ground truth (imported with `--as ground-truth`), the union of an image's instances
 *   at the image's size;
 * - folder: GT image files paired with project images by basename (extension ignored, as `intseg eval
 *   --pred --gt` pairs), read as OpenCV reads them; they may have another size than the image (the protocol
 *   resizes the prediction).
 * GT is returned as 8-bit gray (0/255 for stored masks); the metrics binarise it at > 128.
 */
import { binaryMask, type GrayImage } from '../../../core/image';
import { decodeRle } from '../../../core/mask/rle';
import { AppError } from '../../../shared/result';
import { listImages } from '../../eval/pairing';
import { readGrayLikeOpenCv } from '../../eval/read-gray';
import { baseName } from '../../export/formats/names';
import type { ImageRecord } from '../../storage/repositories/images';
import type { EvaluationProblem } from '../../storage/repositories/evaluations';
import type { Storage } from '../../storage/storage';

export type GroundTruthRead = { readonly gt: GrayImage } | { readonly problem: string } | null;

export interface GroundTruthSource {
  /** Images that have ground truth in this source, for the progress total. */
  readonly imageIds: ReadonlySet<number>;
  /** Problems of the source itself (GT files that match no image, ambiguous names ...). */
  readonly problems: readonly EvaluationProblem[];
  /** The image's GT; null when the source has none for it. */
  read(image: ImageRecord): Promise<GroundTruthRead>;
}

export function storedGroundTruth(storage: Storage, projectId: number): GroundTruthSource {
  const imageIds = new Set(storage.groundTruth.imageIdsOfProject(projectId));
  if (imageIds.size === 0) {
    throw new AppError(
      'invalid_input',
      `project ${projectId} has no stored ground truth: import it with "intseg import --as ground-truth", or evaluate against a GT folder`,
    );
  }
  return {
    imageIds,
    problems: [],
    async read(image) {
      const truth = storage.groundTruth.get(image.id);
      if (truth === null) return null;
      const union = binaryMask(image.width, image.height);
      for (const instance of truth.instances) {
        const mask = decodeRle({ size: [instance.rle.size[0], instance.rle.size[1]], counts: instance.rle.counts });
        if (mask.width !== image.width || mask.height !== image.height) {
          return { problem: `stored ground truth is ${mask.width}x${mask.height}, the image ${image.width}x${image.height}` };
        }
        for (let i = 0; i < union.data.length; i++) union.data[i]! |= mask.data[i]!;
      }
      const data = new Uint8Array(union.data.length);
      for (let i = 0; i < data.length; i++) data[i] = union.data[i] !== 0 ? 255 : 0;
      return { gt: { width: image.width, height: image.height, data } };
    },
  };
}

export async function folderGroundTruth(gtDir: string, images: readonly ImageRecord[]): Promise<GroundTruthSource> {
  const listing = await listImages(gtDir, 'GT');
  const problems: EvaluationProblem[] = [...listing.problems];
  const imagesByBase = new Map<string, ImageRecord[]>();
  for (const image of images) {
    const base = baseName(image.fileName);
    imagesByBase.set(base, [...(imagesByBase.get(base) ?? []), image]);
  }
  const pathByImage = new Map<number, string>();
  for (const [name, path] of listing.byName) {
    const matches = imagesByBase.get(name) ?? [];
    if (matches.length === 0) problems.push({ file: path, reason: `no project image named "${name}.*"` });
    else if (matches.length > 1) problems.push({ file: path, reason: `${matches.length} project images are named "${name}.*" (${matches.map((image) => image.path).join(', ')}); which one it belongs to is ambiguous` });
    else pathByImage.set(matches[0]!.id, path);
  }
  if (pathByImage.size === 0) {
    throw new AppError('invalid_input', `no file in the GT folder ${gtDir} is named like a project image (GT files are paired with images by file name without extension)`, {
      folder: gtDir,
    });
  }
  return {
    imageIds: new Set(pathByImage.keys()),
    problems,
    async read(image) {
      const path = pathByImage.get(image.id);
      if (path === undefined) return null;
      try {
        return { gt: (await readGrayLikeOpenCv(path)).image };
      } catch (error) {
        return { problem: `GT file ${path} is unreadable: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}
