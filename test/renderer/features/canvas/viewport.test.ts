import { describe, expect, it } from 'vitest';
import {
  MAX_SCALE,
  MIN_SCALE,
  actualSizeViewport,
  clampScale,
  constrainViewport,
  fitRegion,
  fitViewport,
  formatZoom,
  imageToScreen,
  panBy,
  screenToImage,
  wheelZoomFactor,
  zoomAround,
  zoomStep,
  zoomTo,
  type Viewport,
} from '../../../../src/renderer/src/features/canvas/viewport';

const view = { width: 1000, height: 800 };

function close(actual: number, expected: number): void {
  expect(actual).toBeCloseTo(expected, 9);
}

describe('fitViewport', () => {
  it('fits a wide image to the width and centres it vertically', () => {
    const viewport = fitViewport({ width: 1808, height: 952 }, view, 48);
    close(viewport.scale, 0.5);
    close(viewport.x, 48);
    close(viewport.y, (800 - 476) / 2);
  });

  it('fits a tall image to the height and centres it horizontally', () => {
    const viewport = fitViewport({ width: 400, height: 1408 }, view, 48);
    close(viewport.scale, 0.5);
    close(viewport.y, 48);
    close(viewport.x, (1000 - 200) / 2);
  });

  it('enlarges a small image to fill the view', () => {
    expect(fitViewport({ width: 100, height: 80 }, view, 0).scale).toBeCloseTo(10, 9);
  });

  it('returns the identity for empty sizes instead of dividing by zero', () => {
    expect(fitViewport({ width: 0, height: 10 }, view)).toEqual({ scale: 1, x: 0, y: 0 });
    expect(fitViewport({ width: 10, height: 10 }, { width: 0, height: 0 })).toEqual({ scale: 1, x: 0, y: 0 });
  });
});

describe('zoom around a point', () => {
  it('keeps the image point under the anchor fixed', () => {
    const start: Viewport = { scale: 0.8, x: 37, y: -12 };
    const anchor = { x: 412, y: 305 };
    const before = screenToImage(start, anchor);
    const zoomed = zoomAround(start, anchor, 2.5);
    const after = screenToImage(zoomed, anchor);
    close(zoomed.scale, 2);
    close(after.x, before.x);
    close(after.y, before.y);
  });

  it('clamps the scale and still keeps the anchor fixed', () => {
    const start: Viewport = { scale: 40, x: 0, y: 0 };
    const anchor = { x: 100, y: 100 };
    const zoomed = zoomAround(start, anchor, 10);
    expect(zoomed.scale).toBe(MAX_SCALE);
    const before = screenToImage(start, anchor);
    const after = screenToImage(zoomed, anchor);
    close(after.x, before.x);
    expect(zoomAround(start, anchor, 1e-9).scale).toBe(MIN_SCALE);
  });

  it('screenToImage and imageToScreen are inverse', () => {
    const viewport: Viewport = { scale: 1.75, x: -220, y: 64 };
    const point = { x: 123.5, y: 987.25 };
    const back = screenToImage(viewport, imageToScreen(viewport, point));
    close(back.x, point.x);
    close(back.y, point.y);
  });

  it('clampScale turns a non-finite scale into 1', () => {
    expect(clampScale(Number.NaN)).toBe(1);
    expect(clampScale(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe('zoomStep', () => {
  const centre = { x: 500, y: 400 };
  it('moves to the next preset up and down', () => {
    expect(zoomStep({ scale: 1, x: 0, y: 0 }, centre, 1).scale).toBe(1.5);
    expect(zoomStep({ scale: 1, x: 0, y: 0 }, centre, -1).scale).toBeCloseTo(2 / 3, 9);
    expect(zoomStep({ scale: 0.57, x: 0, y: 0 }, centre, 1).scale).toBeCloseTo(2 / 3, 9);
    expect(zoomStep({ scale: 0.57, x: 0, y: 0 }, centre, -1).scale).toBe(0.5);
  });

  it('stays within the limits', () => {
    expect(zoomStep({ scale: MAX_SCALE, x: 0, y: 0 }, centre, 1).scale).toBe(MAX_SCALE);
    expect(zoomStep({ scale: MIN_SCALE, x: 0, y: 0 }, centre, -1).scale).toBe(MIN_SCALE);
  });
});

describe('actualSizeViewport', () => {
  it('centres an image that fits at 1:1', () => {
    expect(actualSizeViewport({ scale: 3, x: 5, y: 5 }, { width: 600, height: 400 }, view)).toEqual({ scale: 1, x: 200, y: 200 });
  });

  it('keeps the image point at the view centre for a large image', () => {
    const current: Viewport = { scale: 0.25, x: 100, y: 50 };
    const centre = { x: 500, y: 400 };
    const before = screenToImage(current, centre);
    const actual = actualSizeViewport(current, { width: 4000, height: 3000 }, view);
    expect(actual.scale).toBe(1);
    const after = screenToImage(actual, centre);
    close(after.x, before.x);
    close(after.y, before.y);
  });
});

describe('wheelZoomFactor', () => {
  it('zooms in for negative delta and out for positive, symmetrically', () => {
    const zoomIn = wheelZoomFactor(-100, 0);
    const zoomOut = wheelZoomFactor(100, 0);
    expect(zoomIn).toBeGreaterThan(1);
    expect(zoomOut).toBeLessThan(1);
    close(zoomIn * zoomOut, 1);
  });

  it('treats line and page deltas as larger distances', () => {
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(wheelZoomFactor(-48, 0), 9);
    expect(wheelZoomFactor(1, 2)).toBe(0.5);
  });

  it('never more than doubles or halves in one event', () => {
    expect(wheelZoomFactor(-100_000, 0)).toBe(2);
    expect(wheelZoomFactor(100_000, 0)).toBe(0.5);
  });
});

describe('pan and constrain', () => {
  it('pans by screen pixels at any scale', () => {
    expect(panBy({ scale: 3, x: 10, y: 20 }, -5, 7)).toEqual({ scale: 3, x: 5, y: 27 });
  });

  it('keeps part of the image on screen', () => {
    const image = { width: 1000, height: 500 };
    const far = constrainViewport({ scale: 1, x: 5000, y: -5000 }, image, view, 48);
    expect(far.x).toBe(view.width - 48);
    expect(far.y).toBe(48 - 500);
  });

  it('leaves a viewport that is already fine untouched (same object)', () => {
    const viewport: Viewport = { scale: 1, x: 10, y: 10 };
    expect(constrainViewport(viewport, { width: 500, height: 500 }, view)).toBe(viewport);
  });
});

describe('fitRegion', () => {
  it('centres the region and caps the zoom for tiny regions', () => {
    const viewport = fitRegion({ x: 100, y: 200, width: 2, height: 2 }, view, 48, 8);
    expect(viewport.scale).toBe(8);
    const centre = screenToImage(viewport, { x: 500, y: 400 });
    close(centre.x, 101);
    close(centre.y, 201);
  });

  it('fits a large region inside the padding', () => {
    const viewport = fitRegion({ x: 0, y: 0, width: 904, height: 100 }, view, 48);
    close(viewport.scale, 1);
  });
});

describe('zoomTo and formatZoom', () => {
  it('formats the zoom readout', () => {
    expect(formatZoom(1)).toBe('100%');
    expect(formatZoom(0.5678)).toBe('57%');
    expect(formatZoom(0.05)).toBe('5.0%');
  });

  it('zoomTo at the origin anchor scales the offset', () => {
    expect(zoomTo({ scale: 1, x: 10, y: 20 }, { x: 0, y: 0 }, 2)).toEqual({ scale: 2, x: 20, y: 40 });
  });
});
