/**
 * Hash routes (the app is loaded from file:// in Electron and from `/` in `intseg serve`, so the path
 * never changes; only the fragment does):
 *   #/                                   project list
 *   #/projects/<id>[?status=<s>]          project: image grid, optionally filtered by status
 *   #/projects/<id>/images/<imageId>[?status=<s>&at=<index>]
 *                                         one image; `at` is its index in the (filtered) list, a hint
 *                                         for next/previous that the view checks against the server
 *   #/projects/<id>/images/<imageId>?run=<runId>[&order=uncertainty][&at=<index>]
 *                                         one image explained by that run's trace; next/previous follow
 *                                         the run's image list (most uncertain first: the review order)
 *   #/projects/<id>/runs[/<runId>]        the project's INT runs, one of them opened
 *   #/projects/<id>/eval[/<evaluationId>] the project's evaluations, one of them opened (default: the newest)
 * Anything else parses as `not-found`, shown with a way back.
 */
import { IMAGE_STATUSES, type ImageStatus } from '../../../shared/dto/images';

/** Order of a run's images: as the run processed them, or most uncertain first (review). */
export type RunImageOrder = 'run' | 'uncertainty';

export type Route =
  | { readonly name: 'projects' }
  | { readonly name: 'project'; readonly projectId: number; readonly status: ImageStatus | null }
  | {
      readonly name: 'image';
      readonly projectId: number;
      readonly imageId: number;
      readonly status: ImageStatus | null;
      readonly index: number | null;
      /** Present when the image is opened from a run: its trace is explained and next/previous follow the run's list. */
      readonly run?: number;
      readonly order?: RunImageOrder;
    }
  | { readonly name: 'runs'; readonly projectId: number; readonly runId: number | null }
  | { readonly name: 'eval'; readonly projectId: number; readonly evaluationId: number | null }
  | { readonly name: 'not-found'; readonly hash: string };

function positiveId(text: string | undefined): number | null {
  if (text === undefined || !/^[1-9]\d{0,15}$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

function statusParam(params: URLSearchParams): ImageStatus | null {
  const value = params.get('status');
  return value !== null && (IMAGE_STATUSES as readonly string[]).includes(value) ? (value as ImageStatus) : null;
}

function indexParam(params: URLSearchParams): number | null {
  const value = params.get('at');
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

export function parseRoute(hash: string): Route {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const [pathPart = '', query = ''] = fragment.split('?', 2);
  const segments = pathPart.split('/').filter((segment) => segment !== '');
  const params = new URLSearchParams(query);
  if (segments.length === 0) return { name: 'projects' };
  if (segments[0] === 'projects') {
    const projectId = positiveId(segments[1]);
    if (projectId !== null && segments.length === 2) return { name: 'project', projectId, status: statusParam(params) };
    const imageId = positiveId(segments[3]);
    if (projectId !== null && segments[2] === 'images' && imageId !== null && segments.length === 4) {
      const run = positiveId(params.get('run') ?? undefined);
      const route = { name: 'image', projectId, imageId, status: statusParam(params), index: indexParam(params) } as const;
      if (run === null) return route;
      return params.get('order') === 'uncertainty' ? { ...route, run, order: 'uncertainty' } : { ...route, run };
    }
    if (projectId !== null && segments[2] === 'eval' && segments.length <= 4) {
      const evaluationId = segments.length === 4 ? positiveId(segments[3]) : null;
      if (segments.length === 3 || evaluationId !== null) return { name: 'eval', projectId, evaluationId };
    }
    if (projectId !== null && segments[2] === 'runs' && segments.length <= 4) {
      const runId = segments.length === 4 ? positiveId(segments[3]) : null;
      if (segments.length === 3 || runId !== null) return { name: 'runs', projectId, runId };
    }
  }
  return { name: 'not-found', hash };
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'projects':
      return '#/';
    case 'project':
      return `#/projects/${route.projectId}${route.status === null ? '' : `?status=${route.status}`}`;
    case 'image': {
      const params = new URLSearchParams();
      if (route.status !== null) params.set('status', route.status);
      if (route.run !== undefined) params.set('run', String(route.run));
      if (route.run !== undefined && route.order === 'uncertainty') params.set('order', 'uncertainty');
      if (route.index !== null) params.set('at', String(route.index));
      const query = params.toString();
      return `#/projects/${route.projectId}/images/${route.imageId}${query === '' ? '' : `?${query}`}`;
    }
    case 'runs':
      return `#/projects/${route.projectId}/runs${route.runId === null ? '' : `/${route.runId}`}`;
    case 'eval':
      return `#/projects/${route.projectId}/eval${route.evaluationId === null ? '' : `/${route.evaluationId}`}`;
    case 'not-found':
      return route.hash.startsWith('#') ? route.hash : `#${route.hash}`;
  }
}
