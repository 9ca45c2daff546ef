/**
 * The explorer's Konva layer over the image: the selected iteration's soft mask as a heat overlay,
 * detector boxes with score and fusion weight, candidate boxes (toggleable) and point prompts. Shapes
 * come from traceGeometry.ts in image pixels; strokes, labels and points keep their screen size at any
 * zoom (sizes are divided by the scale).
 */
import { useEffect, useRef, type ReactElement } from 'react';
import type Konva from 'konva';
import { Circle, Group, Image as KonvaImage, Label, Layer, Line, Rect, Tag, Text } from 'react-konva';
import { labelPosition, NEGATIVE_COLOR, POSITIVE_COLOR, type OverlayPoint, type OverlayRect, type TraceOverlay } from './traceGeometry';

export interface TraceLayerProps {
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly scale: number;
  readonly heat: HTMLCanvasElement | null;
  readonly heatOpacity: number;
  readonly overlay: TraceOverlay | null;
  readonly show: { readonly heat: boolean; readonly detections: boolean; readonly candidates: boolean; readonly points: boolean };
}

const LABEL_FONT = 11;
const LABEL_PADDING = 3;

function BoxShape({ rect, scale }: { readonly rect: OverlayRect; readonly scale: number }): ReactElement {
  const strokeWidth = rect.emphasis === 'strong' ? 2.5 : rect.emphasis === 'faint' ? 1 : 1.5;
  const opacity = rect.emphasis === 'faint' ? 0.45 : 1;
  const labelHeight = (LABEL_FONT + LABEL_PADDING * 2) / scale;
  const place = labelPosition(rect, labelHeight);
  return (
    <Group opacity={opacity}>
      <Rect
        x={rect.x}
        y={rect.y}
        width={rect.width}
        height={rect.height}
        stroke={rect.color}
        strokeWidth={strokeWidth}
        strokeScaleEnabled={false}
        dash={rect.dashed ? [6 / scale, 4 / scale] : undefined}
        shadowColor="#000000"
        shadowBlur={2 / scale}
        shadowOpacity={0.6}
      />
      {rect.label === null ? null : (
        <Label x={place.x} y={place.y}>
          <Tag fill={rect.color} opacity={0.9} cornerRadius={2 / scale} />
          <Text text={rect.label} fontSize={LABEL_FONT / scale} padding={LABEL_PADDING / scale} fill="#0b0d10" fontStyle="600" fontFamily="system-ui, sans-serif" />
        </Label>
      )}
    </Group>
  );
}

function PointShape({ point, scale }: { readonly point: OverlayPoint; readonly scale: number }): ReactElement {
  const radius = 5 / scale;
  const arm = 2.6 / scale;
  return (
    <Group x={point.x} y={point.y}>
      <Circle radius={radius} fill={point.positive ? POSITIVE_COLOR : NEGATIVE_COLOR} stroke="#0b0d10" strokeWidth={1.5} strokeScaleEnabled={false} />
      <Line points={[-arm, 0, arm, 0]} stroke="#ffffff" strokeWidth={1.5} strokeScaleEnabled={false} />
      {point.positive ? <Line points={[0, -arm, 0, arm]} stroke="#ffffff" strokeWidth={1.5} strokeScaleEnabled={false} /> : null}
    </Group>
  );
}

export function TraceLayer({ imageWidth, imageHeight, scale, heat, heatOpacity, overlay, show }: TraceLayerProps): ReactElement {
  const layerRef = useRef<Konva.Layer>(null);
  // End-to-end tests find the layer by its canvas (Konva creates it), tagged after each draw.
  useEffect(() => {
    const canvas = layerRef.current?.getNativeCanvasElement();
    if (canvas === undefined) return;
    canvas.setAttribute('data-testid', 'trace-layer');
    canvas.setAttribute('data-heat', String(show.heat && heat !== null));
    canvas.setAttribute('data-detections', String(show.detections ? (overlay?.detections.length ?? 0) : 0));
    canvas.setAttribute('data-points', String(show.points ? (overlay?.points.length ?? 0) : 0));
  });
  return (
    <Layer ref={layerRef} listening={false}>
      {show.heat && heat !== null ? <KonvaImage image={heat} x={0} y={0} width={imageWidth} height={imageHeight} opacity={heatOpacity} /> : null}
      {overlay === null ? null : (
        <>
          {show.candidates ? overlay.candidates.map((rect) => <BoxShape key={rect.key} rect={rect} scale={scale} />) : null}
          {show.detections ? overlay.detections.map((rect) => <BoxShape key={rect.key} rect={rect} scale={scale} />) : null}
          {show.points ? overlay.points.map((point) => <PointShape key={point.key} point={point} scale={scale} />) : null}
        </>
      )}
    </Layer>
  );
}
