/**
 * The image canvas: a Konva stage with the image layer and the mask overlay layer. It only draws and
 * translates input: wheel -> zoom around the cursor, drag -> pan (see canvasInput.ts for which drags),
 * pointer position -> image coordinates. The viewport itself lives with the page (useViewport), and
 * editing tools (a later issue) will receive the pointer when startsPan says no.
 */
import { useEffect, useRef, useState, type ReactElement, type ReactNode, type RefObject } from 'react';
import { Group, Image as KonvaImage, Layer, Rect, Stage } from 'react-konva';
import type Konva from 'konva';
import { startsPan } from './canvasInput';
import type { InstanceBitmap } from './maskBitmaps';
import { screenToImage, wheelZoomFactor, type Point, type Size, type Viewport } from './viewport';

export interface ImageCanvasProps {
  readonly hostRef: RefObject<HTMLDivElement | null>;
  readonly viewSize: Size;
  readonly image: HTMLImageElement | null;
  readonly imageSize: Size;
  readonly viewport: Viewport;
  readonly bitmaps: readonly InstanceBitmap[];
  /** Every instance is decoded (or failed): the overlay shows all it will show. */
  readonly overlayComplete: boolean;
  readonly hidden: ReadonlySet<number>;
  readonly masksVisible: boolean;
  /** Fill opacity in [0, 1]; outlines are drawn stronger so edges stay readable. */
  readonly opacity: number;
  readonly selectedInstance: number | null;
  readonly selectedBox: readonly [number, number, number, number] | null;
  readonly spaceHeld: boolean;
  readonly toolActive: boolean;
  readonly onPan: (dx: number, dy: number) => void;
  readonly onZoomAt: (anchor: Point, factor: number) => void;
  readonly onCursor: (point: Point | null) => void;
  /** Further Konva layers drawn over the masks in image coordinates (the INT trace explorer's). */
  readonly children?: ReactNode;
}

interface PanGesture {
  readonly pointerId: number;
  lastX: number;
  lastY: number;
}

export function ImageCanvas(props: ImageCanvasProps): ReactElement {
  const { hostRef, viewSize, image, imageSize, viewport, bitmaps, hidden, masksVisible, opacity, selectedInstance, selectedBox } = props;
  const overlayRef = useRef<Konva.Layer>(null);
  const panRef = useRef<PanGesture | null>(null);
  const [panning, setPanning] = useState(false);
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  // The wheel must be a non-passive native listener: React's onWheel cannot prevent page zoom/scroll.
  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const rect = host.getBoundingClientRect();
      callbacks.current.onZoomAt({ x: event.clientX - rect.left, y: event.clientY - rect.top }, wheelZoomFactor(event.deltaY, event.deltaMode));
    };
    host.addEventListener('wheel', onWheel, { passive: false });
    return () => host.removeEventListener('wheel', onWheel);
  }, [hostRef]);

  // End-to-end tests find the overlay by its canvas; Konva creates it, so it is tagged after each draw.
  useEffect(() => {
    const canvas = overlayRef.current?.getNativeCanvasElement();
    if (canvas === undefined) return;
    canvas.setAttribute('data-testid', 'overlay-layer');
    canvas.setAttribute('data-instances', String(bitmaps.length));
    canvas.setAttribute('data-ready', String(props.overlayComplete));
    canvas.setAttribute('data-visible', String(masksVisible));
  });

  const local = (clientX: number, clientY: number): Point => {
    const rect = hostRef.current?.getBoundingClientRect();
    return { x: clientX - (rect?.left ?? 0), y: clientY - (rect?.top ?? 0) };
  };

  const canPan = startsPan({ button: 0, spaceHeld: props.spaceHeld, toolActive: props.toolActive });
  const cursor = panning ? 'grabbing' : canPan ? 'grab' : 'crosshair';

  return (
    <div
      ref={hostRef}
      className="canvas-host"
      style={{ cursor }}
      data-testid="canvas-stage"
      data-image-loaded={image !== null}
      data-zoom={viewport.scale.toFixed(4)}
      tabIndex={-1}
      onPointerDown={(event) => {
        if (!startsPan({ button: event.button, spaceHeld: props.spaceHeld, toolActive: props.toolActive })) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        panRef.current = { pointerId: event.pointerId, lastX: event.clientX, lastY: event.clientY };
        setPanning(true);
      }}
      onPointerMove={(event) => {
        const gesture = panRef.current;
        if (gesture !== null && gesture.pointerId === event.pointerId) {
          const dx = event.clientX - gesture.lastX;
          const dy = event.clientY - gesture.lastY;
          gesture.lastX = event.clientX;
          gesture.lastY = event.clientY;
          if (dx !== 0 || dy !== 0) callbacks.current.onPan(dx, dy);
        }
        const point = screenToImage(viewport, local(event.clientX, event.clientY));
        const inside = point.x >= 0 && point.y >= 0 && point.x < imageSize.width && point.y < imageSize.height;
        callbacks.current.onCursor(inside ? { x: Math.floor(point.x), y: Math.floor(point.y) } : null);
      }}
      onPointerUp={(event) => {
        if (panRef.current?.pointerId !== event.pointerId) return;
        panRef.current = null;
        setPanning(false);
      }}
      onPointerCancel={() => {
        panRef.current = null;
        setPanning(false);
      }}
      onPointerLeave={() => callbacks.current.onCursor(null)}
      // Middle-button autoscroll (Windows) and paste (Linux) would fight the pan.
      onMouseDown={(event) => {
        if (event.button === 1) event.preventDefault();
      }}
      onAuxClick={(event) => event.preventDefault()}
      onContextMenu={(event) => event.preventDefault()}
    >
      {viewSize.width > 0 && viewSize.height > 0 ? (
        <Stage width={viewSize.width} height={viewSize.height} x={viewport.x} y={viewport.y} scaleX={viewport.scale} scaleY={viewport.scale} listening={false}>
          <Layer listening={false} imageSmoothingEnabled={viewport.scale < 2}>
            <Rect x={0} y={0} width={imageSize.width} height={imageSize.height} fill="#0b0d10" />
            {image === null ? null : <KonvaImage image={image} x={0} y={0} width={imageSize.width} height={imageSize.height} />}
          </Layer>
          <Layer ref={overlayRef} listening={false} imageSmoothingEnabled={false} visible={masksVisible}>
            {bitmaps.map((bitmap) => {
              const selected = bitmap.instanceId === selectedInstance;
              return (
                <Group
                  key={bitmap.instanceId}
                  x={bitmap.bounds.x * bitmap.scaleX}
                  y={bitmap.bounds.y * bitmap.scaleY}
                  scaleX={bitmap.scaleX}
                  scaleY={bitmap.scaleY}
                  visible={!hidden.has(bitmap.instanceId)}
                >
                  <KonvaImage image={bitmap.fill} opacity={selected ? Math.min(1, opacity + 0.2) : opacity} />
                  <KonvaImage image={bitmap.outline} opacity={selected ? 1 : Math.min(1, 0.35 + opacity)} />
                </Group>
              );
            })}
            {selectedBox === null ? null : (
              <Rect
                x={selectedBox[0]}
                y={selectedBox[1]}
                width={selectedBox[2]}
                height={selectedBox[3]}
                stroke="#ffffff"
                strokeWidth={1}
                dash={[6, 4]}
                strokeScaleEnabled={false}
              />
            )}
          </Layer>
          {props.children}
        </Stage>
      ) : null}
    </div>
  );
}
