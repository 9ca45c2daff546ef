/**
 * The viewer's zoom and pan state. It starts (and restarts for every new image) in "fit" mode, where
 * the viewport is derived from the image and view sizes, so resizing the window keeps the image fitted;
 * any zoom or pan leaves fit mode and keeps the user's view.
 */
import { useState } from 'react';
import {
  actualSizeViewport,
  constrainViewport,
  fitRegion,
  fitViewport,
  panBy,
  zoomAround,
  zoomStep,
  type Point,
  type Size,
  type Viewport,
} from './viewport';

interface ViewState {
  readonly subject: number;
  readonly fit: boolean;
  readonly viewport: Viewport;
}

export interface ViewportControls {
  readonly viewport: Viewport;
  readonly fitted: boolean;
  fit(): void;
  actualSize(): void;
  zoomAt(anchor: Point, factor: number): void;
  step(direction: 1 | -1): void;
  pan(dx: number, dy: number): void;
  frame(region: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }): void;
}

/** `subject` identifies what is shown (the image id): a new subject starts fitted. */
export function useViewport(subject: number, image: Size, view: Size): ViewportControls {
  const [state, setState] = useState<ViewState>({ subject, fit: true, viewport: fitViewport(image, view) });
  const fitted = state.subject !== subject || state.fit;
  const viewport = fitted ? fitViewport(image, view) : state.viewport;

  const current = (value: ViewState): Viewport => (value.subject !== subject || value.fit ? fitViewport(image, view) : value.viewport);
  const change = (next: (from: Viewport) => Viewport): void =>
    setState((value) => ({ subject, fit: false, viewport: constrainViewport(next(current(value)), image, view) }));
  const centre = { x: view.width / 2, y: view.height / 2 };

  return {
    viewport,
    fitted,
    fit: () => setState((value) => ({ subject, fit: true, viewport: value.viewport })),
    actualSize: () => change((from) => actualSizeViewport(from, image, view)),
    zoomAt: (anchor, factor) => change((from) => zoomAround(from, anchor, factor)),
    step: (direction) => change((from) => zoomStep(from, centre, direction)),
    pan: (dx, dy) => change((from) => panBy(from, dx, dy)),
    frame: (region) => change(() => fitRegion(region, view)),
  };
}
