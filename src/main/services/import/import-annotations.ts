/**
 * Import of masks into a project: a COCO file (compressed or uncompressed RLE, polygons), a folder of binary
 * PNG masks (matched by basename, one instance per file) or a folder of labelme JSON files, read by the
 * export/formats readers. Every input item that is not imported is reported with the file, the item and the
 * reason; the rest is imported, one image per transaction:
 * - as an annotation: a new imported annotation version, which becomes current unless a person's edit is
 *   current (the annotation repository's rule); labels the project lacks are added to it;
 * - as ground truth: stored apart from annotations for evaluation (replacing earlier ground truth of the image).
 * Empty instances (no foreground pixel) are dropped: an image whose masks are all empty gets an annotation, or
 * ground truth, with no instance, which says "nothing here". An image named twice in the input is imported once
 * (the first time) and the repeat reported. Resuming an interrupted import skips the images it committed.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { CancelToken } from '../../../core/cancel';
import type { BinaryMask } from '../../../core/image';
import { maskArea, maskBbox } from '../../../core/mask/ops';
import { encodeRle } from '../../../core/mask/rle';
import type { ImportFormat, ImportProblem, ImportReport, ImportTargetKind } from '../../../shared/dto/transfer';
import { assignLabelColors } from '../../../shared/labels';
import { AppError } from '../../../shared/result';
import { readCocoImages } from '../../export/formats/coco-reader';
import { readLabelme } from '../../export/formats/labelme-reader';
import type { ImportedImage, ImportTarget } from '../../export/formats/model';
import { listPngMaskFiles, readPngMaskFile } from '../../export/formats/png-reader';
import { TargetIndex } from '../../export/formats/targets';
import type { Storage } from '../../storage/storage';

export interface ImportRequest {
  readonly projectId: number;
  readonly format: ImportFormat;
  /** Absolute: the COCO file, or the folder of PNG masks or labelme files. */
  readonly path: string;
  readonly as: ImportTargetKind;
  /** Label of PNG masks; default the project's first label. */
  readonly label: string | null;
  readonly actor: string;
}

export interface ImportOptions {
  readonly cancel?: CancelToken;
  /** The job this import runs in: committed images are recorded there, so a resumed job skips them. */
  readonly jobId?: number;
  readonly onProgress?: (progress: { done: number; total: number; item: string; ok: boolean; reason?: string }) => void;
}

/** One input item (a file, or an image of a COCO file) as the readers give it. */
interface InputItem {
  readonly name: string;
  readonly image?: ImportedImage;
  readonly problems: readonly ImportProblem[];
}

interface ItemSource {
  readonly total: number;
  /** Problems of the whole input found before the items (an unreadable folder, COCO categories ...). */
  readonly problems: readonly ImportProblem[];
  readonly items: AsyncIterable<InputItem>;
  /** Problems found while iterating that belong to no item (COCO: bad segmentations). */
  readonly lateProblems?: () => readonly ImportProblem[];
}

interface ItemRecord {
  readonly instances: number;
  readonly current: boolean;
}

async function requireKind(path: string, kind: 'file' | 'folder'): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AppError('invalid_input', `${path} does not exist`, { path });
  }
  if (kind === 'file' && !info.isFile()) throw new AppError('invalid_input', `a COCO import reads one JSON file; ${path} is not a file`, { path });
  if (kind === 'folder' && !info.isDirectory()) throw new AppError('invalid_input', `this import reads a folder; ${path} is not a folder`, { path });
}

async function itemsOf(request: ImportRequest, targets: readonly ImportTarget[], label: string): Promise<ItemSource> {
  const index = new TargetIndex(targets);
  if (request.format === 'coco') {
    await requireKind(request.path, 'file');
    const coco = readCocoImages(await readFile(request.path, 'utf8'), request.path, targets);
    const parsedProblems = [...coco.problems];
    return {
      total: coco.count,
      problems: parsedProblems,
      lateProblems: () => coco.problems.slice(parsedProblems.length),
      // The reader decodes one image's masks at a time, as the loop asks for it.
      items: (async function* items() {
        for (const image of coco.images) yield { name: request.path, image, problems: [] };
      })(),
    };
  }
  await requireKind(request.path, 'folder');
  if (request.format === 'png') {
    const listing = await listPngMaskFiles(request.path);
    return {
      total: listing.files.length,
      problems: listing.problems,
      items: (async function* items() {
        for (const file of listing.files) yield { name: file, ...(await readPngMaskFile(file, index, label)) };
      })(),
    };
  }
  const names = (await readdir(request.path)).filter((name) => !name.startsWith('.') && name !== 'manifest.json' && extname(name).toLowerCase() === '.json').sort();
  return {
    total: names.length,
    problems: [],
    items: (async function* items() {
      for (const name of names) {
        const file = join(request.path, name);
        yield { name: file, ...readLabelme(await readFile(file, 'utf8'), file, index) };
      }
    })(),
  };
}

function encodeInstances(instances: readonly { label: string; mask: BinaryMask }[]) {
  return instances
    .filter((instance) => maskArea(instance.mask) > 0)
    .map((instance) => {
      const rle = encodeRle(instance.mask);
      return { label: instance.label, rle: { size: [rle.size[0], rle.size[1]] as const, counts: rle.counts }, area: maskArea(instance.mask), bbox: maskBbox(instance.mask) };
    });
}

export async function importAnnotations(storage: Storage, request: ImportRequest, options: ImportOptions = {}): Promise<ImportReport> {
  const project = storage.projects.require(request.projectId);
  if (request.label !== null && request.format !== 'png') {
    throw new AppError('invalid_input', `a label applies to PNG masks only; ${request.format} files name their own labels`);
  }
  const pngLabel = request.label ?? project.labels[0]?.name ?? project.taskPrompt;
  const images = [...storage.images.iterate(project.id)];
  const imageIdByName = new Map<string, number>();
  for (const image of images) imageIdByName.set(image.fileName, image.id);
  const targets: ImportTarget[] = images.map((image) => ({ fileName: image.fileName, width: image.width, height: image.height }));

  const source = await itemsOf(request, targets, pngLabel);
  const problems: ImportProblem[] = [...source.problems];
  const knownLabels = new Set(project.labels.map((label) => label.name));
  const addedLabels: string[] = [];
  const importedFrom = new Map<number, string>();
  let imported = 0;
  let instances = 0;
  let notCurrent = 0;
  let done = 0;
  let cancelled = false;

  for await (const item of source.items) {
    if (options.cancel?.cancelled) {
      cancelled = true;
      break;
    }
    problems.push(...item.problems);
    let outcome: { ok: boolean; reason?: string } = { ok: item.image !== undefined, ...(item.problems[0] ? { reason: item.problems[0].reason } : {}) };
    const image = item.image;
    const imageId = image === undefined ? undefined : imageIdByName.get(image.fileName);
    if (image !== undefined && imageId !== undefined) {
      const key = `image:${imageId}`;
      const earlier = importedFrom.get(imageId);
      if (earlier !== undefined) {
        const reason = `image ${image.fileName} was already imported from ${earlier} in this import; this repeat is skipped`;
        problems.push({ file: item.name, item: image.fileName, reason });
        outcome = { ok: false, reason };
      } else {
        importedFrom.set(imageId, item.name);
        if (request.as === 'annotation') noteLabels(image);
        const previous = options.jobId === undefined ? null : storage.jobs.item(options.jobId, key);
        const record = previous?.detail != null ? (JSON.parse(previous.detail) as ItemRecord) : commit(imageId, item.name, image);
        imported += 1;
        instances += record.instances;
        if (!record.current) notCurrent += 1;
      }
    }
    done += 1;
    options.onProgress?.({ done, total: source.total, item: image?.fileName ?? item.name, ...outcome });
  }
  problems.push(...(source.lateProblems?.() ?? []));

  function noteLabels(image: ImportedImage): void {
    for (const instance of image.instances) {
      if (knownLabels.has(instance.label) || maskArea(instance.mask) === 0) continue;
      knownLabels.add(instance.label);
      addedLabels.push(instance.label);
    }
  }

  function commit(imageId: number, file: string, image: ImportedImage): ItemRecord {
    const encoded = encodeInstances(image.instances);
    return storage.transaction(() => {
      let record: ItemRecord;
      if (request.as === 'ground-truth') {
        storage.groundTruth.replace(imageId, encoded, { actor: request.actor, sourceFile: file });
        record = { instances: encoded.length, current: true };
      } else if (sameAsLatestImport(imageId, encoded)) {
        // Importing the same file again (after a cancelled import, say) adds no identical version.
        record = { instances: encoded.length, current: storage.annotations.current(imageId)?.source === 'import' };
      } else {
        const saved = storage.annotations.addImported(imageId, { author: request.actor, instances: encoded, note: `imported from ${file} (${request.format})` });
        record = { instances: encoded.length, current: saved.current };
      }
      if (options.jobId !== undefined) storage.jobs.recordItem(options.jobId, `image:${imageId}`, 'done', JSON.stringify(record));
      return record;
    });
  }

  function sameAsLatestImport(imageId: number, encoded: ReturnType<typeof encodeInstances>): boolean {
    const latest = storage.annotations.history(imageId).filter((version) => version.source === 'import').at(-1);
    const stored = latest === undefined ? null : storage.annotations.version(latest.id);
    if (stored === null || stored.masks.length !== encoded.length) return false;
    return stored.masks.every((mask, index) => {
      const instance = encoded[index];
      return instance !== undefined && mask.label === instance.label && mask.rle.counts === instance.rle.counts && mask.rle.size[0] === instance.rle.size[0] && mask.rle.size[1] === instance.rle.size[1];
    });
  }

  if (addedLabels.length > 0) {
    const current = storage.projects.require(project.id);
    const labels = assignLabelColors([...current.labels, ...addedLabels.filter((name) => !current.labels.some((label) => label.name === name))]);
    storage.projects.update(project.id, { labels }, request.actor);
  }
  storage.audit.record({
    actor: request.actor,
    action: request.as === 'ground-truth' ? 'project.import_ground_truth' : 'project.import',
    targetType: 'project',
    targetId: project.id,
    projectId: project.id,
    details: { format: request.format, path: request.path, images: imported, instances, notCurrent, problems: problems.length, addedLabels, cancelled },
  });
  return { format: request.format, as: request.as, path: request.path, images: imported, instances, notCurrent, addedLabels, problems, cancelled };
}
