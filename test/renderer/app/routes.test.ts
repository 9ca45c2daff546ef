import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../../src/renderer/src/app/routes';

describe('hash routes', () => {
  it('parses every page', () => {
    expect(parseRoute('')).toEqual({ name: 'projects' });
    expect(parseRoute('#/')).toEqual({ name: 'projects' });
    expect(parseRoute('#/projects/12')).toEqual({ name: 'project', projectId: 12, status: null });
    expect(parseRoute('#/projects/12?status=in_review')).toEqual({ name: 'project', projectId: 12, status: 'in_review' });
    expect(parseRoute('#/projects/12/images/345?status=new&at=17')).toEqual({ name: 'image', projectId: 12, imageId: 345, status: 'new', index: 17 });
  });

  it('drops unknown statuses and malformed indices instead of failing', () => {
    expect(parseRoute('#/projects/3?status=bogus')).toEqual({ name: 'project', projectId: 3, status: null });
    expect(parseRoute('#/projects/3/images/4?at=-1')).toMatchObject({ index: null });
  });

  it('sends malformed ids to not-found', () => {
    for (const hash of ['#/projects/0', '#/projects/abc', '#/projects/1/images/', '#/projects/1/images/2/extra', '#/elsewhere', '#/projects/99999999999999999999']) {
      expect(parseRoute(hash).name).toBe('not-found');
    }
  });

  it('formats what it parses back to the same route', () => {
    const routes: Route[] = [
      { name: 'projects' },
      { name: 'project', projectId: 5, status: null },
      { name: 'project', projectId: 5, status: 'approved' },
      { name: 'image', projectId: 5, imageId: 6, status: null, index: null },
      { name: 'image', projectId: 5, imageId: 6, status: 'error', index: 0 },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });
});
