import { describe, expect, it } from 'vitest';
import { appendPaths, parsePathList } from '../../../../src/renderer/src/features/images/addImagesPaths';

describe('parsePathList', () => {
  it('takes one path per line, trimmed, without blanks or repeats', () => {
    expect(parsePathList('  /data/a \n\n/data/b\r\n/data/a\n   \n')).toEqual(['/data/a', '/data/b']);
  });

  it('strips quotes that a copied path often carries', () => {
    expect(parsePathList('"/data/with space/x.png"\n\'C:\\images\'')).toEqual(['/data/with space/x.png', 'C:\\images']);
  });
});

describe('appendPaths', () => {
  it('adds picked paths on new lines, skipping those already listed', () => {
    expect(appendPaths('/data/a\n', ['/data/a', '/data/b'])).toBe('/data/a\n/data/b');
    expect(appendPaths('', ['/x'])).toBe('/x');
    expect(appendPaths('/x', [])).toBe('/x');
  });
});
