/**
 * Zoom and pan of the image canvas as pure functions over one transform:
 *   screen = image * scale + (x, y)
 * in CSS pixels of the stage. Components keep a Viewport in state and hand it to Konva's Stage
 * (x, y, scaleX = scaleY = scale); every gesture is one of the functions below.
 */

export interface Viewport {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const MIN_SCALE = 0.01;
export const MAX_SCALE = 64;

/** Zoom presets for the +/- buttons and keys, as scales. */
export const ZOOM_PRESETS: readonly number[] = [
  0.01, 0.02, 0.05, 0.1, 0.125, 0.25, 1 / 3, 0.5, 2 / 3, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64,
];

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export const IDENTITY: Viewport = { scale: 1, x: 0, y: 0 };

/** The whole image, centred in the view with `padding` CSS pixels around it (less when the view is tiny). */
export function fitViewport(image: Size, view: Size, padding = 24): Viewport {
  if (image.width <= 0 || image.height <= 0 || view.width <= 0 || view.height <= 0) return IDENTITY;
  const pad = Math.min(padding, view.width / 8, view.height / 8);
  const scale = clampScale(Math.min((view.width - 2 * pad) / image.width, (view.height - 2 * pad) / image.height));
  return centred(image, view, scale);
}

function centred(image: Size, view: Size, scale: number): Viewport {
  return { scale, x: (view.width - image.width * scale) / 2, y: (view.height - image.height * scale) / 2 };
}

/**
 * One image pixel per CSS pixel. The image point at the view's centre stays there, so 1:1 zooms into
 * what the user is looking at; an image that fits at 1:1 is centred instead.
 */
export function actualSizeViewport(current: Viewport, image: Size, view: Size): Viewport {
  if (image.width <= view.width && image.height <= view.height) return centred(image, view, 1);
  return zoomTo(current, { x: view.width / 2, y: view.height / 2 }, 1);
}

/** Sets the scale while the image point under `anchor` (screen coordinates) stays under it. */
export function zoomTo(viewport: Viewport, anchor: Point, scale: number): Viewport {
  const next = clampScale(scale);
  const ratio = next / viewport.scale;
  return {
    scale: next,
    x: anchor.x - (anchor.x - viewport.x) * ratio,
    y: anchor.y - (anchor.y - viewport.y) * ratio,
  };
}

/** Multiplies the scale by `factor` around `anchor` (the cursor for the wheel, the view centre for keys). */
export function zoomAround(viewport: Viewport, anchor: Point, factor: number): Viewport {
  return zoomTo(viewport, anchor, viewport.scale * factor);
}

/** The next preset above (direction 1) or below (-1) the current scale, around `anchor`. */
export function zoomStep(viewport: Viewport, anchor: Point, direction: 1 | -1): Viewport {
  const epsilon = 1e-6;
  const target =
    direction > 0
      ? (ZOOM_PRESETS.find((preset) => preset > viewport.scale * (1 + epsilon)) ?? MAX_SCALE)
      : ([...ZOOM_PRESETS].reverse().find((preset) => preset < viewport.scale * (1 - epsilon)) ?? MIN_SCALE);
  return zoomTo(viewport, anchor, target);
}

/** WheelEvent.deltaMode values: pixels, lines, pages. */
const LINE_PIXELS = 16;
const PAGE_PIXELS = 800;

/**
 * Zoom factor for one wheel event: exponential in the scrolled distance, so a trackpad's many small
 * deltas and a mouse wheel's few large ones zoom alike; one event never more than doubles or halves.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * LINE_PIXELS : deltaMode === 2 ? deltaY * PAGE_PIXELS : deltaY;
  const factor = Math.exp(-pixels * 0.002);
  return Math.min(2, Math.max(0.5, factor));
}

export function panBy(viewport: Viewport, dx: number, dy: number): Viewport {
  return { scale: viewport.scale, x: viewport.x + dx, y: viewport.y + dy };
}

/**
 * Keeps at least `margin` CSS pixels of the image inside the view on each axis, so the image can
 * never be panned out of sight and lost.
 */
export function constrainViewport(viewport: Viewport, image: Size, view: Size, margin = 48): Viewport {
  const width = image.width * viewport.scale;
  const height = image.height * viewport.scale;
  const keepX = Math.min(margin, width);
  const keepY = Math.min(margin, height);
  const x = Math.min(view.width - keepX, Math.max(keepX - width, viewport.x));
  const y = Math.min(view.height - keepY, Math.max(keepY - height, viewport.y));
  return x === viewport.x && y === viewport.y ? viewport : { scale: viewport.scale, x, y };
}

export function screenToImage(viewport: Viewport, point: Point): Point {
  return { x: (point.x - viewport.x) / viewport.scale, y: (point.y - viewport.y) / viewport.scale };
}

export function imageToScreen(viewport: Viewport, point: Point): Point {
  return { x: point.x * viewport.scale + viewport.x, y: point.y * viewport.scale + viewport.y };
}

/** "67%", "100%", "1600%": the scale as the zoom readout shows it. */
export function formatZoom(scale: number): string {
  const percent = scale * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/**
 * Frames a region of the image (an instance's COCO box [x, y, w, h]) centred with `padding` around
 * it, zooming in no further than `maxScale` so a tiny object does not fill the screen with pixels.
 */
export function fitRegion(region: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }, view: Size, padding = 48, maxScale = 8): Viewport {
  if (view.width <= 0 || view.height <= 0) return IDENTITY;
  const width = Math.max(1, region.width);
  const height = Math.max(1, region.height);
  const pad = Math.min(padding, view.width / 4, view.height / 4);
  const scale = clampScale(Math.min(maxScale, (view.width - 2 * pad) / width, (view.height - 2 * pad) / height));
  return {
    scale,
    x: view.width / 2 - (region.x + width / 2) * scale,
    y: view.height / 2 - (region.y + height / 2) * scale,
  };
}
