/**
 * Export of a project's masks: reads the images (all, or those approved in review), each image's current
 * annotation (or one run's masks), the project's labels as categories, soft masks for `soft`, and who approved
 * what, then streams them through writeExport (atomic folder plus manifest). Images without masks in the
 * chosen source are not exported (an unannotated image is not a negative example) and are listed as warnings.
 */
import { join } from 'node:path';
import { CancelledError, type CancelToken } from '../../../core/cancel';
import type { ExportReport, ExportScope } from '../../../shared/dto/transfer';
import { AppError } from '../../../shared/result';
import { APP_VERSION } from '../../app/version';
import { writeExport, type ExportCategory, type ExportFormat, type ExportImage, type Rgb } from '../../export/formats';
import type { ImageRecord } from '../../storage/repositories/images';
import type { MaskRecord } from '../../storage/repositories/masks';
import type { RunRecord } from '../../storage/repositories/runs';
import type { Storage } from '../../storage/storage';
import { prepareDestination } from './destination';
import { decodeMask, masksForImage, softUnion, type MaskSourceSpec } from './image-masks';

export interface ExportRequest {
  readonly projectId: number;
  readonly format: ExportFormat;
  /** Absolute folder to create. */
  readonly out: string;
  readonly scope: ExportScope;
  readonly runId: number | null;
  readonly force: boolean;
  readonly actor: string;
}

export interface ExportProgress {
  readonly done: number;
  readonly total: number;
  readonly fileName: string;
}

interface Selected {
  readonly image: ImageRecord;
  readonly masks: readonly MaskRecord[];
  readonly approval: { readonly by: string; readonly at: string } | null;
}

function hexToRgb(hex: string): Rgb | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return match === null ? undefined : [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** The latest approval of an image, when the image is approved now. */
function approvalOf(storage: Storage, image: ImageRecord): { by: string; at: string } | null {
  if (image.status !== 'approved') return null;
  const events = storage.reviews.ofImage(image.id);
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index]!;
    if (event.action === 'approve') return { by: event.actor, at: event.createdAt };
  }
  return null;
}

function describeSource(run: RunRecord | null): string {
  if (run === null) return 'current annotations';
  return `run ${run.id}${run.modelPackName === null ? '' : ` (${run.modelPackName})`}`;
}

export async function exportProject(
  storage: Storage,
  request: ExportRequest,
  options: { readonly cancel?: CancelToken; readonly onProgress?: (progress: ExportProgress) => void } = {},
): Promise<ExportReport> {
  const project = storage.projects.require(request.projectId);
  const run = request.runId === null ? null : storage.runs.require(request.runId);
  if (run !== null && run.projectId !== project.id) throw new AppError('invalid_input', `run ${run.id} belongs to project ${run.projectId}, not to project ${project.id}`);
  const source: MaskSourceSpec = run === null ? { kind: 'annotations' } : { kind: 'run', runId: run.id };
  const destination = await prepareDestination(request.out, request.force);

  const warnings: ExportReport['warnings'] = [];
  const selected: Selected[] = [];
  let withoutMasks = 0;
  for (const image of storage.images.iterate(project.id)) {
    if (options.cancel?.cancelled) throw new CancelledError(options.cancel.reason);
    if (request.scope === 'approved' && image.status !== 'approved') continue;
    const masks = masksForImage(storage, image.id, source);
    if (masks === null) {
      withoutMasks += 1;
      warnings.push({ fileName: image.fileName, message: run === null ? 'no annotation yet; not exported' : `not segmented by run ${run.id}; not exported` });
      continue;
    }
    selected.push({ image, masks, approval: approvalOf(storage, image) });
  }
  if (selected.length === 0) {
    const scope = request.scope === 'approved' ? 'approved images' : 'images';
    throw new AppError(
      'invalid_input',
      `nothing to export: project ${project.id} has no ${scope} with masks in the ${describeSource(run)}` +
        (request.scope === 'approved' ? ' (approve images in review, or export with status "all")' : ''),
    );
  }

  // Categories: the project's labels in order (ids from 1), then any label found only on masks.
  const categories: ExportCategory[] = project.labels.map((label, index) => {
    const color = hexToRgb(label.color);
    return color === undefined ? { id: index + 1, name: label.name } : { id: index + 1, name: label.name, color };
  });
  const categoryIds = new Map(categories.map((category) => [category.name, category.id]));
  for (const { image, masks } of selected) {
    for (const mask of masks) {
      if (categoryIds.has(mask.label)) continue;
      const id = categories.length + 1;
      categories.push({ id, name: mask.label });
      categoryIds.set(mask.label, id);
      warnings.push({ fileName: image.fileName, message: `label "${mask.label}" is not a project label; exported as category ${id}` });
    }
  }
  if (request.format === 'png-palette' && categories.length > 255) {
    throw new AppError('invalid_input', `png-palette holds at most 255 labels; this export has ${categories.length}`);
  }

  const approvers = [...new Set(selected.flatMap((item) => (item.approval === null ? [] : [item.approval.by])))].sort();
  const total = selected.length;
  let instances = 0;
  const wantSoft = request.format === 'soft';
  async function* images(): AsyncGenerator<ExportImage> {
    for (const { image, masks, approval } of selected) {
      const exportImage: ExportImage = {
        id: image.id,
        fileName: image.fileName,
        width: image.width,
        height: image.height,
        sha256: image.contentHash,
        approval,
        instances: masks.map((mask) => ({ label: mask.label, categoryId: categoryIds.get(mask.label)!, mask: decodeMask(mask) })),
        ...(wantSoft ? softMaskOf(image, masks) : {}),
      };
      instances += masks.filter((mask) => mask.area > 0).length;
      yield exportImage;
    }
  }
  function softMaskOf(image: ImageRecord, masks: readonly MaskRecord[]): Pick<ExportImage, 'softMask'> {
    const soft = softUnion(storage, masks, image.width, image.height);
    return soft === null ? {} : { softMask: soft };
  }

  const result = await writeExport(
    request.out,
    { categories, images: images() },
    {
      format: request.format,
      appVersion: APP_VERSION,
      configuration: {
        project: { id: project.id, name: project.name, taskPrompt: project.taskPrompt },
        source: run === null ? 'annotations' : 'run',
        scope: request.scope,
        ...(run === null ? {} : { run: { id: run.id, kind: run.kind, modelPackId: run.modelPackId, modelPackName: run.modelPackName, config: run.config } }),
      },
      approvedBy: approvers.length === 0 ? null : approvers.join(', '),
      overwrite: destination.overwrite,
      ...(options.cancel !== undefined ? { cancel: options.cancel } : {}),
      onProgress: (done) => options.onProgress?.({ done, total, fileName: selected[done - 1]?.image.fileName ?? '' }),
    },
  );
  for (const warning of result.warnings) {
    warnings.push({ fileName: warning.fileName, ...(warning.instance !== undefined ? { instance: warning.instance } : {}), message: warning.message });
  }
  storage.audit.record({
    actor: request.actor,
    action: 'project.export',
    targetType: 'project',
    targetId: project.id,
    projectId: project.id,
    details: { format: request.format, out: request.out, scope: request.scope, runId: run?.id ?? null, images: result.images, instances, skipped: withoutMasks },
  });
  return {
    out: request.out,
    format: request.format,
    images: result.images,
    instances,
    warnings,
    manifest: join(request.out, 'manifest.json'),
  };
}
