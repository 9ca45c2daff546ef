import { describe, expect, it } from 'vitest';
import { startsPan, viewerActionForKey } from '../../../../src/renderer/src/features/canvas/canvasInput';

describe('startsPan', () => {
  it('pans with the middle button always', () => {
    expect(startsPan({ button: 1, spaceHeld: false, toolActive: true })).toBe(true);
  });

  it('pans with a plain primary drag only when no tool is active', () => {
    expect(startsPan({ button: 0, spaceHeld: false, toolActive: false })).toBe(true);
    expect(startsPan({ button: 0, spaceHeld: false, toolActive: true })).toBe(false);
  });

  it('pans with space held even when a tool is active', () => {
    expect(startsPan({ button: 0, spaceHeld: true, toolActive: true })).toBe(true);
  });

  it('leaves the secondary button alone', () => {
    expect(startsPan({ button: 2, spaceHeld: true, toolActive: false })).toBe(false);
  });
});

describe('viewerActionForKey', () => {
  const key = (value: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
    viewerActionForKey({ key: value, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

  it('maps the documented keys', () => {
    expect(key('f')).toBe('fit');
    expect(key('F')).toBe('fit');
    expect(key('1')).toBe('actual-size');
    expect(key('+')).toBe('zoom-in');
    expect(key('-')).toBe('zoom-out');
    expect(key('ArrowRight')).toBe('next-image');
    expect(key('ArrowLeft')).toBe('previous-image');
    expect(key('PageDown')).toBe('next-image');
    expect(key('h')).toBe('toggle-masks');
    expect(key('Escape')).toBe('back');
  });

  it('supports the usual Ctrl/Cmd zoom shortcuts and ignores other chords', () => {
    expect(key('0', { ctrlKey: true })).toBe('fit');
    expect(key('=', { metaKey: true })).toBe('zoom-in');
    expect(key('f', { ctrlKey: true })).toBeNull();
    expect(key('f', { altKey: true })).toBeNull();
  });

  it('ignores unbound keys', () => {
    expect(key('q')).toBeNull();
    expect(key(' ')).toBeNull();
  });
});
