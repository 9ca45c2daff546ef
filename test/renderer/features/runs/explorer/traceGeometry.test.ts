import { describe, expect, it } from 'vitest';
import { DETECTION_COLOR, NAME_COLORS, labelPosition, nameColor, traceOverlay } from '../../../../../src/renderer/src/features/runs/explorer/traceGeometry';
import { iterationOne } from '../traceFixture';

describe('trace to canvas geometry', () => {
  const iteration = iterationOne();

  it('draws detector boxes with score and fusion weight, fainter when the weight is 0', () => {
    const { detections } = traceOverlay(iteration, { selectedCandidate: null, selectedPatch: null });
    expect(detections).toHaveLength(2);
    expect(detections[0]).toMatchObject({ kind: 'detection', x: 31, y: 32, width: 29, height: 27, color: DETECTION_COLOR, emphasis: 'normal', label: 'crab 0.84 · w 0.60' });
    expect(detections[1]).toMatchObject({ emphasis: 'faint', label: 'crab 0.83 · w 0.00' });
  });

  it('adds the box a fallback segmented', () => {
    const withUnion = { ...iteration, boxMasks: [...iteration.boxMasks, { box: { x1: 0, y1: 0, x2: 64, y2: 64 }, source: 'union-of-boxes', predictedIoU: 0.5, s: 0.01, weight: 0.4 }] };
    const { detections } = traceOverlay(withUnion, { selectedCandidate: null, selectedPatch: null });
    expect(detections[2]).toMatchObject({ kind: 'segmented-box', width: 64, label: 'union of candidate boxes' });
  });

  it('colours candidate boxes by name rank and puts a selected candidate on top with its patch', () => {
    const free = traceOverlay(iteration, { selectedCandidate: null, selectedPatch: null }).candidates;
    expect(free).toHaveLength(8);
    expect(free.every((rect) => rect.dashed && rect.label !== null)).toBe(true);
    expect(free.find((rect) => rect.key === 'candidate-5')?.color).toBe(NAME_COLORS[0]);

    const picked = traceOverlay(iteration, { selectedCandidate: 7, selectedPatch: { x1: 0, y1: 64, x2: 64, y2: 128 } });
    expect(picked.candidates[0]).toMatchObject({ kind: 'patch', x: 0, y: 64, width: 64, height: 64, label: 'bottom-left patch' });
    const last = picked.candidates[picked.candidates.length - 1];
    expect(last).toMatchObject({ key: 'candidate-7', emphasis: 'strong', dashed: false, label: 'mouse · bottom-left', color: nameColor('mouse', iteration.ranking) });
    expect(picked.candidates.filter((rect) => rect.kind === 'candidate' && rect.key !== 'candidate-7').every((rect) => rect.label === null)).toBe(true);
    expect(picked.detections.every((rect) => rect.emphasis === 'faint' && rect.label === null)).toBe(true);
  });

  it('keeps points with their label', () => {
    const { points } = traceOverlay(iteration, { selectedCandidate: null, selectedPatch: null });
    expect(points.map((point) => point.positive)).toEqual([true, false, false]);
    expect(points[0]).toMatchObject({ x: 52.5, y: 48 });
  });

  it('gives names outside the ranking the last colour', () => {
    expect(nameColor('unknown', ['crab'])).toBe(NAME_COLORS[NAME_COLORS.length - 1]);
  });

  it('puts a label above its box when it fits, else inside; a patch label inside its bottom edge', () => {
    expect(labelPosition({ x: 5, y: 30, height: 20, kind: 'detection' }, 10)).toEqual({ x: 5, y: 20, inside: false });
    expect(labelPosition({ x: 5, y: 4, height: 20, kind: 'detection' }, 10)).toEqual({ x: 5, y: 4, inside: true });
    expect(labelPosition({ x: 0, y: 64, height: 64, kind: 'patch' }, 10)).toEqual({ x: 0, y: 118, inside: true });
  });
});
