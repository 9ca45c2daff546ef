import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../src/renderer/src/app/routes';

describe('evaluation routes', () => {
  it('parse and format the evaluation page, with and without an evaluation opened', () => {
    expect(parseRoute('#/projects/3/eval')).toEqual({ name: 'eval', projectId: 3, evaluationId: null });
    expect(parseRoute('#/projects/3/eval/17')).toEqual({ name: 'eval', projectId: 3, evaluationId: 17 });
    expect(formatRoute({ name: 'eval', projectId: 3, evaluationId: null })).toBe('#/projects/3/eval');
    expect(formatRoute({ name: 'eval', projectId: 3, evaluationId: 17 })).toBe('#/projects/3/eval/17');
  });

  it('refuses malformed evaluation addresses', () => {
    for (const hash of ['#/projects/3/eval/0', '#/projects/3/eval/x', '#/projects/3/eval/1/2', '#/projects/x/eval']) {
      expect(parseRoute(hash).name, hash).toBe('not-found');
    }
  });
});
