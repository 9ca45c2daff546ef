import { describe, expect, it } from 'vitest';
import { explorerActionForKey, stepIteration } from '../../../../../src/renderer/src/features/runs/explorer/explorerKeys';
import { viewerActionForKey } from '../../../../../src/renderer/src/features/canvas/canvasInput';

const key = (value: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: value, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

describe('explorer keys', () => {
  it('steps with [ and ], jumps to i* with I, toggles candidates and the heat map', () => {
    expect(explorerActionForKey(key('['))).toBe('previous-iteration');
    expect(explorerActionForKey(key(']'))).toBe('next-iteration');
    expect(explorerActionForKey(key('I'))).toBe('final-iteration');
    expect(explorerActionForKey(key('c'))).toBe('toggle-candidates');
    expect(explorerActionForKey(key('m'))).toBe('toggle-heat');
    expect(explorerActionForKey(key(']', { ctrlKey: true }))).toBeNull();
  });

  it('never takes a key the image viewer uses', () => {
    for (const value of ['[', ']', ',', '.', 'i', 'I', 'c', 'C', 'm', 'M']) expect(viewerActionForKey(key(value))).toBeNull();
  });

  it('keeps the iteration within 1..count', () => {
    expect(stepIteration(1, -1, 5)).toBe(1);
    expect(stepIteration(5, 1, 5)).toBe(5);
    expect(stepIteration(2, 1, 5)).toBe(3);
    expect(stepIteration(9, 0, 5)).toBe(5);
  });
});
