/**
 * Evaluation of a project's predictions against ground truth (INT.md section 7), stored so the UI shows it
 * without recomputing:
 * - prediction: each image's current annotation (binary), or one run's masks: the soft masks where every
 *   instance of the image has one (their pixelwise maximum, 0..255), else the binary union;
 * - ground truth: stored in the project, or a folder of GT files paired by image file basename;
 * - the images evaluated are those with ground truth; one of them without a prediction (never annotated, not
 *   segmented by the run) is skipped and reported, because scoring it as an empty mask would mix "the model
 *   found nothing" with "nobody looked". An annotation with no instance is a real, empty prediction;
 * - metrics, protocols and aggregation are core/metrics' (PySODMetrics 1.6); the curves stored are the
 *   dataset's precision, recall, F-measure and E-measure over the 256 thresholds, averaged over images.
 * Nothing is stored until every image is done, so a cancelled or failed evaluation leaves no partial record.
 */
import { CancelledError, type CancelToken } from '../../../core/cancel';
import type { GrayImage } from '../../../core/image';
import type { ImageMetrics } from '../../../core/metrics/evaluate';
import { DatasetEvaluator } from '../../../core/metrics/protocol';
import type { EvalProtocol } from '../../../shared/dto/evaluation';
import { AppError } from '../../../shared/result';
import type { EvaluationProblem, EvaluationRecord, ImageEvaluation } from '../../storage/repositories/evaluations';
import type { ImageRecord } from '../../storage/repositories/images';
import type { Storage } from '../../storage/storage';
import { masksForImage, softUnion, unionMask, type MaskSourceSpec } from '../export/image-masks';
import { folderGroundTruth, storedGroundTruth } from './ground-truth-source';

export interface EvaluateProjectRequest {
  readonly projectId: number;
  readonly runId: number | null;
  /** Absolute GT folder; null: the project's stored ground truth. */
  readonly gtDir: string | null;
  readonly protocol: EvalProtocol;
  readonly actor: string;
}

export interface EvaluateProjectOptions {
  readonly cancel?: CancelToken;
  readonly onProgress?: (progress: { done: number; total: number; fileName: string; ok: boolean; reason?: string }) => void;
}

/** True when `pred` is not `gt` rescaled: its height is off by more than rounding (1 px) plus 1 %. */
function aspectDiffers(pred: GrayImage, gt: GrayImage): boolean {
  const expectedHeight = (pred.width * gt.height) / gt.width;
  return Math.abs(pred.height - expectedHeight) > 1 + 0.01 * pred.height;
}

function prediction(storage: Storage, image: ImageRecord, source: MaskSourceSpec): { gray: GrayImage; soft: boolean } | null {
  const masks = masksForImage(storage, image.id, source);
  if (masks === null) return null;
  if (source.kind === 'run') {
    const soft = softUnion(storage, masks, image.width, image.height);
    if (soft !== null) return { gray: soft, soft: true };
  }
  const union = unionMask(masks, image.width, image.height);
  const data = new Uint8Array(union.data.length);
  for (let i = 0; i < data.length; i++) data[i] = union.data[i] !== 0 ? 255 : 0;
  return { gray: { width: image.width, height: image.height, data }, soft: false };
}

function toValues(metrics: ImageMetrics): ImageEvaluation['metrics'] {
  return { ...metrics };
}

export async function evaluateProject(storage: Storage, request: EvaluateProjectRequest, options: EvaluateProjectOptions = {}): Promise<EvaluationRecord> {
  const project = storage.projects.require(request.projectId);
  const run = request.runId === null ? null : storage.runs.require(request.runId);
  if (run !== null && run.projectId !== project.id) throw new AppError('invalid_input', `run ${run.id} belongs to project ${run.projectId}, not to project ${project.id}`);
  const source: MaskSourceSpec = run === null ? { kind: 'annotations' } : { kind: 'run', runId: run.id };
  const images = [...storage.images.iterate(project.id)];
  const truth = request.gtDir === null ? storedGroundTruth(storage, project.id) : await folderGroundTruth(request.gtDir, images);

  const problems: EvaluationProblem[] = [...truth.problems];
  const evaluated = images.filter((image) => truth.imageIds.has(image.id));
  const withoutTruth = images.length - evaluated.length;
  if (withoutTruth > 0) {
    problems.push({ file: `project ${project.id}`, reason: `${withoutTruth} of ${images.length} project image(s) have no ground truth ${request.gtDir === null ? 'stored' : `in ${request.gtDir}`}; they are not evaluated` });
  }
  const evaluator = new DatasetEvaluator(request.protocol);
  const rows: ImageEvaluation[] = [];
  let softPredictions = 0;
  for (const [index, image] of evaluated.entries()) {
    if (options.cancel?.cancelled) throw new CancelledError(options.cancel.reason);
    const report = (reason: string): void => {
      problems.push({ file: image.path, reason });
      options.onProgress?.({ done: index + 1, total: evaluated.length, fileName: image.fileName, ok: false, reason });
    };
    const read = await truth.read(image);
    if (read === null) continue;
    if ('problem' in read) {
      report(read.problem);
      continue;
    }
    const predicted = prediction(storage, image, source);
    if (predicted === null) {
      report(run === null ? 'no annotation yet: nothing to evaluate (not scored as an empty mask)' : `run ${run.id} has no masks for this image (not segmented, or failed); not evaluated`);
      continue;
    }
    if ((predicted.gray.width !== read.gt.width || predicted.gray.height !== read.gt.height) && aspectDiffers(predicted.gray, read.gt)) {
      problems.push({
        file: image.path,
        reason: `image ${predicted.gray.width}x${predicted.gray.height} and GT ${read.gt.width}x${read.gt.height} differ in aspect ratio; the prediction was resized anyway (a mismatched GT file?)`,
      });
    }
    const metrics = evaluator.add(predicted.gray, read.gt);
    if (predicted.soft) softPredictions += 1;
    rows.push({ imageId: image.id, fileName: image.fileName, soft: predicted.soft, metrics: toValues(metrics) });
    options.onProgress?.({ done: index + 1, total: evaluated.length, fileName: image.fileName, ok: true });
  }
  if (rows.length === 0) {
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    const first = problems.slice(0, 3).map((problem) => `${problem.file}: ${problem.reason}`).join('; ') + more;
    throw new AppError('invalid_input', `nothing was evaluated in project ${project.id}: no image has both a prediction and ground truth${first === '' ? '' : ` (${first})`}`);
  }
  const result = evaluator.result();
  const curves = evaluator.curves();
  const { n, ...values } = result;
  return storage.evaluations.save(
    {
      projectId: project.id,
      predictionSource: run === null ? 'annotations' : 'run',
      runId: run?.id ?? null,
      predictionLabel: run === null ? 'current annotations' : `run ${run.id}${run.modelPackName === null ? '' : ` (${run.modelPackName})`}`,
      modelPackId: run?.modelPackId ?? null,
      modelPackName: run?.modelPackName ?? null,
      gtSource: request.gtDir === null ? 'stored' : 'folder',
      gtFolder: request.gtDir,
      protocol: request.protocol,
      softPredictions,
      metrics: { n, ...values },
      curves:
        curves === null
          ? null
          : { precision: Array.from(curves.precision), recall: Array.from(curves.recall), fm: Array.from(curves.fm), em: Array.from(curves.em) },
      problems,
    },
    rows,
    request.actor,
  );
}
