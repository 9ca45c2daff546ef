/**
 * Development-only stand-in for `window.api` (never shipped): an in-memory service with generated
 * projects, images, masks and jobs, so the renderer can be built, opened in a browser and looked at
 * before (or without) the real services. Images are drawn on a canvas; masks are the drawn objects,
 * COCO-RLE encoded with the project's own encoder, so the overlay must line up with the image.
 */
import type { ApiBridge } from '../../../src/shared/ipc/bridge';
import type { AssetKind, EventChannel, RequestChannel } from '../../../src/shared/ipc/channels';
import type { ImageStatus, ImageSummary } from '../../../src/shared/dto/images';
import type { Job } from '../../../src/shared/dto/jobs';
import type { MaskInstance } from '../../../src/shared/dto/masks';
import type { Label, Project } from '../../../src/shared/dto/projects';
import type { Result } from '../../../src/shared/result';
import { encodeRle } from '../../../src/core/mask/rle';
import { binaryMask } from '../../../src/core/image';

interface Blob2 {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
  readonly angle: number;
  readonly hole: boolean;
}

interface MockProject {
  id: number;
  name: string;
  taskPrompt: string;
  labels: Label[];
  createdAt: string;
  updatedAt: string;
  images: ImageSummary[];
}

const STATUS_CYCLE: readonly ImageStatus[] = ['approved', 'approved', 'proposed', 'proposed', 'proposed', 'in_review', 'new', 'new', 'rejected', 'queued'];

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function blobsFor(imageId: number, width: number, height: number): Blob2[] {
  const random = seeded(imageId * 7919);
  const count = 1 + Math.floor(random() * 3);
  const blobs: Blob2[] = [];
  for (let index = 0; index < count; index++) {
    blobs.push({
      cx: width * (0.2 + random() * 0.6),
      cy: height * (0.2 + random() * 0.6),
      rx: width * (0.06 + random() * 0.14),
      ry: height * (0.06 + random() * 0.14),
      angle: random() * Math.PI,
      hole: index === 0 && imageId % 3 === 0,
    });
  }
  return blobs;
}

function insideEllipse(blob: Blob2, x: number, y: number, shrink = 1): boolean {
  const cos = Math.cos(blob.angle);
  const sin = Math.sin(blob.angle);
  const dx = x - blob.cx;
  const dy = y - blob.cy;
  const u = (dx * cos + dy * sin) / (blob.rx * shrink);
  const v = (-dx * sin + dy * cos) / (blob.ry * shrink);
  return u * u + v * v <= 1;
}

function drawImage(image: ImageSummary, maxSide: number): string {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const width = Math.round(image.width * scale);
  const height = Math.round(image.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context === null) return '';
  const random = seeded(image.id);
  const hue = Math.floor(random() * 360);
  const gradient = context.createRadialGradient(width * 0.4, height * 0.4, 10, width / 2, height / 2, Math.max(width, height) * 0.7);
  gradient.addColorStop(0, `hsl(${hue}, 45%, 46%)`);
  gradient.addColorStop(1, `hsl(${(hue + 40) % 360}, 35%, 14%)`);
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  for (let index = 0; index < 40; index++) {
    context.fillStyle = `hsla(${(hue + random() * 60) % 360}, 40%, ${30 + random() * 30}%, 0.25)`;
    context.beginPath();
    context.arc(random() * width, random() * height, 4 + random() * 30 * scale * 3, 0, Math.PI * 2);
    context.fill();
  }
  context.save();
  context.scale(scale, scale);
  for (const blob of blobsFor(image.id, image.width, image.height)) {
    context.save();
    context.translate(blob.cx, blob.cy);
    context.rotate(blob.angle);
    const shade = context.createRadialGradient(-blob.rx * 0.3, -blob.ry * 0.3, 2, 0, 0, Math.max(blob.rx, blob.ry));
    shade.addColorStop(0, `hsl(${(hue + 180) % 360}, 60%, 70%)`);
    shade.addColorStop(1, `hsl(${(hue + 200) % 360}, 50%, 38%)`);
    context.fillStyle = shade;
    context.beginPath();
    context.ellipse(0, 0, blob.rx, blob.ry, 0, 0, Math.PI * 2);
    if (blob.hole) context.ellipse(0, 0, blob.rx * 0.4, blob.ry * 0.4, 0, 0, Math.PI * 2, true);
    context.fill();
    context.restore();
  }
  context.restore();
  return canvas.toDataURL('image/jpeg', 0.85);
}

function masksFor(image: ImageSummary, label: string): MaskInstance[] {
  return blobsFor(image.id, image.width, image.height).map((blob, index) => {
    const mask = binaryMask(image.width, image.height);
    let area = 0;
    let minX = image.width;
    let minY = image.height;
    let maxX = 0;
    let maxY = 0;
    const x0 = Math.max(0, Math.floor(blob.cx - Math.max(blob.rx, blob.ry)));
    const x1 = Math.min(image.width - 1, Math.ceil(blob.cx + Math.max(blob.rx, blob.ry)));
    const y0 = Math.max(0, Math.floor(blob.cy - Math.max(blob.rx, blob.ry)));
    const y1 = Math.min(image.height - 1, Math.ceil(blob.cy + Math.max(blob.rx, blob.ry)));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        if (!insideEllipse(blob, x + 0.5, y + 0.5)) continue;
        if (blob.hole && insideEllipse(blob, x + 0.5, y + 0.5, 0.4)) continue;
        mask.data[y * image.width + x] = 1;
        area += 1;
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }
    const rle = encodeRle(mask);
    return {
      id: image.id * 10 + index,
      label,
      source: index === 1 ? ('human' as const) : ('run' as const),
      rle: { size: [rle.size[0], rle.size[1]] as [number, number], counts: rle.counts },
      area,
      bbox: [minX, minY, maxX - minX + 1, maxY - minY + 1] as [number, number, number, number],
    };
  });
}

export interface MockOptions {
  readonly canPickPaths: boolean;
  /** Milliseconds added to every answer, to see loading states. */
  readonly latency: number;
}

export function createMockBridge(options: MockOptions): ApiBridge {
  const now = new Date().toISOString();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const projects: MockProject[] = [];
  const jobs: Job[] = [];
  const urls = new Map<string, string>();
  let nextImageId = 1;
  let nextJobId = 1;

  function emit(channel: EventChannel, payload: unknown): void {
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(payload);
  }

  function makeImages(project: MockProject, count: number, prefix: string): void {
    for (let index = 0; index < count; index++) {
      const id = nextImageId++;
      const width = [1280, 1024, 1920, 800][id % 4] ?? 1024;
      const height = [1024, 768, 1080, 600][id % 4] ?? 768;
      const status = STATUS_CYCLE[id % STATUS_CYCLE.length] ?? 'new';
      const fileName = `${prefix}_${String(index + 1).padStart(5, '0')}.jpg`;
      project.images.push({
        id,
        projectId: project.id,
        fileName,
        path: `/data/${project.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}/${fileName}`,
        width,
        height,
        contentHash: `sha256:${id.toString(16).padStart(12, '0')}`,
        status: id % 97 === 0 ? 'missing' : status,
        error: id % 97 === 0 ? 'file not found at its recorded path' : null,
        addedAt: now,
      });
    }
  }

  function addProject(name: string, taskPrompt: string, labels: Label[], count: number, prefix: string, daysAgo: number): MockProject {
    const stamp = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    const project: MockProject = { id: projects.length + 1, name, taskPrompt, labels, createdAt: stamp, updatedAt: stamp, images: [] };
    projects.push(project);
    makeImages(project, count, prefix);
    return project;
  }

  addProject('Colon polyps (Kvasir-SEG)', 'Segment the polyp in this colonoscopy image', [{ name: 'polyp', color: '#4c8dff' }], 1000, 'kvasir', 0.02);
  const camo = addProject(
    'CAMO test split',
    'Find the camouflaged animal hidden in the scene',
    [
      { name: 'animal', color: '#f5a524' },
      { name: 'background clutter', color: '#a77bf3' },
    ],
    25_000,
    'camo',
    3,
  );
  addProject('Skin lesions (ISIC pilot)', 'Outline the skin lesion', [{ name: 'lesion', color: '#2fc68a' }], 0, 'isic', 12);
  jobs.push({
    id: nextJobId++,
    kind: 'image-import',
    projectId: camo.id,
    status: 'interrupted',
    done: 1840,
    total: 4000,
    message: 'stopped when the app closed',
    error: null,
    createdAt: now,
    startedAt: now,
    finishedAt: null,
  });

  function projectDto(project: MockProject): Project {
    const statusCounts: Partial<Record<ImageStatus, number>> = {};
    for (const image of project.images) statusCounts[image.status] = (statusCounts[image.status] ?? 0) + 1;
    return {
      id: project.id,
      name: project.name,
      taskPrompt: project.taskPrompt,
      labels: project.labels,
      createdAt: project.createdAt,
      updatedAt: project.updatedAt,
      imageCount: project.images.length,
      statusCounts,
    };
  }

  function find(projectId: number): MockProject {
    const project = projects.find((candidate) => candidate.id === projectId);
    if (project === undefined) throw { code: 'not_found', message: `no project with id ${projectId}` };
    return project;
  }

  function findImage(imageId: number): ImageSummary {
    for (const project of projects) {
      const image = project.images.find((candidate) => candidate.id === imageId);
      if (image !== undefined) return image;
    }
    throw { code: 'not_found', message: `no image with id ${imageId}` };
  }

  function runImport(job: Job, project: MockProject, paths: readonly string[]): void {
    const files = paths.flatMap((path) => (/\.(png|jpe?g)$/i.test(path) ? [path] : Array.from({ length: 12 }, (_, index) => `${path}/frame_${index + 1}.png`)));
    job.total = files.length;
    job.status = 'running';
    let done = 0;
    const timer = setInterval(() => {
      if (job.status === 'cancelling') {
        job.status = 'cancelled';
        clearInterval(timer);
        emit('jobs.progress', { jobId: job.id, kind: job.kind, projectId: job.projectId, status: job.status, done, total: job.total, message: 'cancelled by the user' });
        emit('projects.changed', { projectId: project.id });
        return;
      }
      const name = files[done] ?? '';
      done += 1;
      const corrupt = /corrupt/i.test(name);
      if (!corrupt) makeImages(project, 1, name.split('/').pop()?.replace(/\.\w+$/, '') ?? 'img');
      job.done = done;
      const finished = done >= files.length;
      if (finished) {
        job.status = 'done';
        job.finishedAt = new Date().toISOString();
        clearInterval(timer);
      }
      emit('jobs.progress', {
        jobId: job.id,
        kind: job.kind,
        projectId: job.projectId,
        status: job.status,
        done,
        total: job.total,
        message: finished ? `added ${done - (corrupt ? 1 : 0)} images` : null,
        item: corrupt ? { name, ok: false, reason: 'not an image: the file is truncated or not a PNG/JPEG' } : { name, ok: true },
      });
      if (finished || done % 5 === 0) emit('projects.changed', { projectId: project.id });
    }, 250);
  }

  type Handler = (input: Record<string, unknown>) => unknown;
  // The mock covers the foundation screens; channels of later features answer "unsupported" here.
  const handlers: Partial<Record<RequestChannel, Handler>> = {
    'app.info': () => ({ name: 'IntSeg Studio', version: '0.1.0', dataDir: '/home/user/.local/share/intseg', transport: options.canPickPaths ? 'electron' : 'web', platform: 'linux', canPickPaths: options.canPickPaths }),
    'app.pickPaths': () => ({ paths: ['/data/new-batch', '/data/new-batch/corrupt.png'] }),
    'projects.list': () => projects.map(projectDto),
    'projects.get': (input) => projectDto(find(Number(input.projectId))),
    'projects.create': (input) => {
      const issues: { path: string[]; message: string }[] = [];
      const name = String(input.name ?? '').trim();
      const taskPrompt = String(input.taskPrompt ?? '').trim();
      if (name === '') issues.push({ path: ['name'], message: 'must not be empty' });
      if (taskPrompt === '') issues.push({ path: ['taskPrompt'], message: 'must not be empty' });
      if (projects.some((project) => project.name === name)) issues.push({ path: ['name'], message: `a project named "${name}" already exists` });
      if (issues.length > 0) throw { code: 'invalid_input', message: `invalid input for projects.create: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, details: { issues } };
      const labels = (input.labels as Label[] | undefined) ?? [];
      const project = addProject(name, taskPrompt, labels, 0, 'img', 0);
      return projectDto(project);
    },
    'projects.update': (input) => projectDto(find(Number(input.projectId))),
    'images.list': (input) => {
      const project = find(Number(input.projectId));
      const status = input.status as ImageStatus | undefined;
      const all = status === undefined ? project.images : project.images.filter((image) => image.status === status);
      const offset = Number(input.offset ?? 0);
      const limit = Number(input.limit ?? 500);
      return { total: all.length, items: all.slice(offset, offset + limit) };
    },
    'images.get': (input) => findImage(Number(input.imageId)),
    'images.add': (input) => {
      const project = find(Number(input.projectId));
      const paths = (input.paths as string[] | undefined) ?? [];
      if (paths.length === 0) throw { code: 'invalid_input', message: 'invalid input for images.add: paths: give at least one file or folder', details: { issues: [{ path: ['paths'], message: 'give at least one file or folder' }] } };
      const relative = paths.findIndex((path) => !path.startsWith('/'));
      if (relative >= 0) throw { code: 'invalid_input', message: 'paths must be absolute', details: { issues: [{ path: ['paths', String(relative)], message: `expected an absolute path, got "${paths[relative] ?? ''}"` }] } };
      const job: Job = { id: nextJobId++, kind: 'image-import', projectId: project.id, status: 'queued', done: 0, total: 0, message: null, error: null, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null };
      jobs.push(job);
      setTimeout(() => runImport(job, project, paths), 300);
      return { jobId: job.id };
    },
    'images.verify': () => ({ checked: 0, missing: [], changed: [] }),
    'masks.forImage': (input) => {
      const image = findImage(Number(input.imageId));
      const project = find(image.projectId);
      if (image.status === 'new' || image.status === 'queued') return { imageId: image.id, version: null, instances: [] };
      return { imageId: image.id, version: 1 + (image.id % 3), instances: masksFor(image, project.labels[0]?.name ?? 'object') };
    },
    'jobs.list': () => jobs.map((job) => ({ ...job })),
    'jobs.get': (input) => {
      const job = jobs.find((candidate) => candidate.id === Number(input.jobId));
      if (job === undefined) throw { code: 'not_found', message: 'no such job' };
      return { ...job };
    },
    'jobs.cancel': (input) => {
      const job = jobs.find((candidate) => candidate.id === Number(input.jobId));
      if (job === undefined) throw { code: 'not_found', message: 'no such job' };
      if (job.status === 'running' || job.status === 'queued') job.status = 'cancelling';
      return { ...job };
    },
    'jobs.resume': (input) => {
      const job = jobs.find((candidate) => candidate.id === Number(input.jobId));
      if (job === undefined) throw { code: 'not_found', message: 'no such job' };
      throw { code: 'conflict', message: `job ${job.id} cannot be resumed in the mock` };
    },
  };

  return {
    transport: options.canPickPaths ? 'electron' : 'web',
    async invoke(channel, input): Promise<Result<unknown>> {
      await new Promise((resolve) => setTimeout(resolve, options.latency));
      try {
        const handler = handlers[channel];
        if (handler === undefined) return { ok: false, error: { code: 'unsupported', message: `${channel} is not simulated by the development mock` } };
        return { ok: true, value: handler((input ?? {}) as Record<string, unknown>) };
      } catch (thrown) {
        const error = thrown as { code: 'internal'; message: string; details?: unknown };
        return { ok: false, error };
      }
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (set === undefined) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    assetUrl(kind: AssetKind, id: number): string {
      const key = `${kind}/${id}`;
      let url = urls.get(key);
      if (url === undefined) {
        url = drawImage(findImage(id), kind === 'thumb' ? 320 : 4096);
        urls.set(key, url);
      }
      return url;
    },
  };
}
