import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../../../src/renderer/src/features/projects/fieldErrors';
import { colorForName, labelColor, nextLabelColor, LABEL_PALETTE } from '../../../../src/renderer/src/features/projects/labelColors';

describe('fieldErrors', () => {
  const fields = ['name', 'taskPrompt', 'labels'];

  it('puts each issue next to the field its path names (first message per field)', () => {
    const result = fieldErrors(
      {
        code: 'invalid_input',
        message: 'invalid input for projects.create: ...',
        details: {
          issues: [
            { path: ['name'], message: 'must not be empty' },
            { path: ['name'], message: 'second message' },
            { path: ['taskPrompt'], message: 'at most 500 characters' },
          ],
        },
      },
      fields,
    );
    expect(result.byField).toEqual({ name: 'must not be empty', taskPrompt: 'at most 500 characters' });
    expect(result.general).toEqual([]);
  });

  it('says which list item an issue is about', () => {
    const result = fieldErrors({ code: 'invalid_input', message: 'x', details: { issues: [{ path: ['labels', '2', 'color'], message: 'a colour like #1f77b4' }] } }, fields);
    expect(result.byField.labels).toBe('item 3 (color): a colour like #1f77b4');
  });

  it('keeps issues for fields the form does not show, and errors without issues, as general messages', () => {
    expect(fieldErrors({ code: 'invalid_input', message: 'x', details: { issues: [{ path: ['projectId'], message: 'expected number' }, { path: [], message: 'unrecognized key: "foo"' }] } }, fields).general).toEqual([
      'projectId: expected number',
      'unrecognized key: "foo"',
    ]);
    expect(fieldErrors({ code: 'conflict', message: 'a project with this name exists' }, fields)).toEqual({ byField: {}, general: ['a project with this name exists'] });
  });

  it('ignores malformed issue entries', () => {
    expect(fieldErrors({ code: 'invalid_input', message: 'fallback', details: { issues: [42, { path: ['name'] }] } }, fields)).toEqual({ byField: {}, general: ['fallback'] });
  });
});

describe('label colours', () => {
  it('gives a new label the first unused palette colour, cycling when all are used', () => {
    expect(nextLabelColor([])).toBe(LABEL_PALETTE[0]);
    expect(nextLabelColor([LABEL_PALETTE[0] ?? '', (LABEL_PALETTE[1] ?? '').toUpperCase()])).toBe(LABEL_PALETTE[2]);
    expect(LABEL_PALETTE).toContain(nextLabelColor([...LABEL_PALETTE]));
  });

  it('uses the project colour, else a stable colour per name', () => {
    expect(labelColor([{ name: 'polyp', color: '#123456' }], 'polyp')).toBe('#123456');
    expect(labelColor([], 'tumour')).toBe(colorForName('tumour'));
    expect(colorForName('tumour')).toBe(colorForName('tumour'));
    expect(LABEL_PALETTE).toContain(colorForName('anything'));
  });
});
