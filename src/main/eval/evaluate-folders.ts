/**
 * `intseg eval`: evaluates a folder of predictions against a folder of GT masks with the metrics
 * and protocols of INT.md section 7 (src/core/metrics). Pairs are streamed: only the running sums
 * are kept, never the images, so folders of any size fit in memory.
 *
 * Reading is cv2.imread(IMREAD_GRAYSCALE)-compatible (read-gray.ts); GT is binarised at > 128 and
 * predictions are normalised as PySODMetrics does (core). Unpaired, unreadable or unusable files
 * are listed in `problems` with the reason and skipped; everything else is evaluated. Caveats on
 * evaluated files (a prediction resized across a different aspect ratio, colour JPEGs read from
 * RGB) are listed in `warnings`.
 */
import { open, rename, rm } from 'node:fs/promises';
import { CancelledError, type CancelToken } from '../../core/cancel';
import type { GrayImage } from '../../core/image';
import { DATASET_METRIC_KEYS, type DatasetMetrics, type ImageMetrics } from '../../core/metrics/evaluate';
import { DatasetEvaluator, type Protocol } from '../../core/metrics/protocol';
import { ImageDecodeError } from '../imaging/decode';
import { csvRow } from './csv';
import { pairFolders, type FilePair, type FileProblem } from './pairing';
import { readGrayLikeOpenCv, type GrayRead } from './read-gray';

export type { FileProblem } from './pairing';

export type DatasetMetricKey = (typeof DATASET_METRIC_KEYS)[number];

export interface EvaluateFoldersOptions {
  readonly predDir: string;
  readonly gtDir: string;
  /** Default 'native'. */
  readonly protocol?: Protocol;
  /** When given, one row per evaluated image is written there (atomically, on completion). */
  readonly perImageCsv?: string;
  /** Called after every pair, evaluated or skipped: done of total pairs. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly cancel?: CancelToken;
}

export type EvaluateFoldersResult = {
  readonly protocol: Protocol;
  /** Number of evaluated pairs. */
  readonly n: number;
} & { readonly [K in DatasetMetricKey]: number | null } & {
  /** Files that were not evaluated, with the reason. */
  readonly problems: readonly FileProblem[];
  /** Evaluated files with a caveat. */
  readonly warnings: readonly FileProblem[];
};

const IMAGE_COLUMNS: readonly (keyof ImageMetrics)[] = [
  'MAE',
  'Sm',
  'wFm',
  'adpEm',
  'meanEm',
  'maxEm',
  'adpFm',
  'meanFm',
  'maxFm',
  'meanDice',
  'meanIoU',
  'binDice',
  'binIoU',
];

const CSV_HEADER = csvRow(['name', 'pred_file', 'gt_file', 'pred_width', 'pred_height', 'gt_width', 'gt_height', ...IMAGE_COLUMNS]);

type PairRead = { readonly pred: GrayRead; readonly gt: GrayRead } | { readonly problem: FileProblem };

async function readPair(pair: FilePair): Promise<PairRead> {
  const settle = async (path: string): Promise<GrayRead | FileProblem> => {
    try {
      return await readGrayLikeOpenCv(path);
    } catch (error) {
      if (error instanceof ImageDecodeError) return { file: path, reason: `unreadable: ${error.reason}` };
      return { file: path, reason: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  const [pred, gt] = await Promise.all([settle(pair.predPath), settle(pair.gtPath)]);
  if ('reason' in pred) return { problem: pred };
  if ('reason' in gt) return { problem: gt };
  return { pred, gt };
}

/** True when `pred` is not `gt` rescaled: its height is off by more than rounding (1 px) plus 1 %. */
function aspectDiffers(pred: GrayImage, gt: GrayImage): boolean {
  const expectedHeight = (pred.width * gt.height) / gt.width;
  return Math.abs(pred.height - expectedHeight) > 1 + 0.01 * pred.height;
}

export async function evaluateFolders(options: EvaluateFoldersOptions): Promise<EvaluateFoldersResult> {
  const protocol = options.protocol ?? 'native';
  const { pairs, problems } = await pairFolders(options.predDir, options.gtDir);
  const warnings: FileProblem[] = [];
  const colourJpegs: string[] = [];
  const evaluator = new DatasetEvaluator(protocol);
  const total = pairs.length;
  const csvTemp = options.perImageCsv === undefined ? undefined : `${options.perImageCsv}.${process.pid}.tmp`;
  const csv = csvTemp === undefined ? undefined : await open(csvTemp, 'w');
  try {
    await csv?.write(CSV_HEADER);
    // Decoding the next pair overlaps with the metrics of the current one (sharp runs off-thread).
    let next: Promise<PairRead> | undefined = total > 0 ? readPair(pairs[0]!) : undefined;
    for (let index = 0; index < total; index++) {
      if (options.cancel?.cancelled) throw new CancelledError(options.cancel.reason);
      const pair = pairs[index]!;
      const read = await next!;
      next = index + 1 < total ? readPair(pairs[index + 1]!) : undefined;
      if ('problem' in read) {
        problems.push(read.problem);
      } else {
        const pred = read.pred.image;
        const gt = read.gt.image;
        if ((pred.width !== gt.width || pred.height !== gt.height) && aspectDiffers(pred, gt)) {
          warnings.push({
            file: pair.predPath,
            reason: `prediction ${pred.width}x${pred.height} and GT ${gt.width}x${gt.height} differ in aspect ratio; resized anyway (mismatched pair?)`,
          });
        }
        if (read.pred.approximate) colourJpegs.push(pair.predPath);
        if (read.gt.approximate) colourJpegs.push(pair.gtPath);
        const metrics = evaluator.add(pred, gt);
        await csv?.write(
          csvRow([pair.name, pair.predPath, pair.gtPath, pred.width, pred.height, gt.width, gt.height, ...IMAGE_COLUMNS.map((k) => metrics[k])]),
        );
      }
      options.onProgress?.(index + 1, total);
    }
    await csv?.close();
    if (csvTemp !== undefined && options.perImageCsv !== undefined) await rename(csvTemp, options.perImageCsv);
  } catch (error) {
    await csv?.close().catch(() => undefined);
    if (csvTemp !== undefined) await rm(csvTemp, { force: true });
    throw error;
  }
  if (colourJpegs.length > 0) {
    warnings.push({
      file: colourJpegs[0]!,
      reason:
        `${colourJpegs.length} colour JPEG file(s) were converted to gray from RGB; OpenCV reads their luma plane directly, ` +
        `so some pixels may differ by one gray level from a cv2-based evaluation (first: ${colourJpegs.slice(0, 3).join(', ')})`,
    });
  }
  return { protocol, ...metricsOrNull(evaluator.result()), problems, warnings };
}

function metricsOrNull(result: DatasetMetrics): { n: number } & { [K in DatasetMetricKey]: number | null } {
  const out = { n: result.n } as { n: number } & { [K in DatasetMetricKey]: number | null };
  for (const key of DATASET_METRIC_KEYS) out[key] = result.n === 0 ? null : result[key];
  return out;
}
