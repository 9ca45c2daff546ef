import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../../src/renderer/src/app/routes';

describe('hash routes of runs', () => {
  it('parses the runs page with and without a run', () => {
    expect(parseRoute('#/projects/4/runs')).toEqual({ name: 'runs', projectId: 4, runId: null });
    expect(parseRoute('#/projects/4/runs/9')).toEqual({ name: 'runs', projectId: 4, runId: 9 });
    for (const hash of ['#/projects/4/runs/0', '#/projects/4/runs/x', '#/projects/4/runs/9/more']) expect(parseRoute(hash).name).toBe('not-found');
  });

  it('parses an image opened from a run, in run order or in review order', () => {
    expect(parseRoute('#/projects/1/images/2?run=7&at=3')).toEqual({ name: 'image', projectId: 1, imageId: 2, status: null, index: 3, run: 7 });
    expect(parseRoute('#/projects/1/images/2?run=7&order=uncertainty&at=0')).toEqual({
      name: 'image',
      projectId: 1,
      imageId: 2,
      status: null,
      index: 0,
      run: 7,
      order: 'uncertainty',
    });
  });

  it('ignores an order without a run, and a malformed run', () => {
    expect(parseRoute('#/projects/1/images/2?order=uncertainty')).toEqual({ name: 'image', projectId: 1, imageId: 2, status: null, index: null });
    expect(parseRoute('#/projects/1/images/2?run=abc')).toEqual({ name: 'image', projectId: 1, imageId: 2, status: null, index: null });
  });

  it('formats what it parses back to the same route', () => {
    const routes: Route[] = [
      { name: 'runs', projectId: 3, runId: null },
      { name: 'runs', projectId: 3, runId: 12 },
      { name: 'image', projectId: 3, imageId: 8, status: null, index: 4, run: 12 },
      { name: 'image', projectId: 3, imageId: 8, status: null, index: 0, run: 12, order: 'uncertainty' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute({ name: 'image', projectId: 3, imageId: 8, status: null, index: 0, run: 12, order: 'uncertainty' })).toBe('#/projects/3/images/8?run=12&order=uncertainty&at=0');
  });
});
