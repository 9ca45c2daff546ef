/**
 * One curve drawn with uPlot (canvas, fast for 256-point series), sized to its container. The chart is
 * rebuilt when the data changes and resized when the container does; colours come from the theme tokens.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useElementSize } from '../../ui/useElementSize';
import type { XYSeries } from './evalView';

export interface CurveChartProps {
  readonly series: XYSeries;
  readonly label: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xRange: readonly [number, number];
  /** Formats x values on the axis and in the cursor readout. */
  readonly formatX?: (value: number) => string;
  /** A point to mark (the best threshold, ...). */
  readonly marker?: { readonly x: number; readonly y: number } | null;
  readonly testId: string;
  readonly height?: number;
  /** Shade the area under the curve (a curve over thresholds; not a precision-recall curve). */
  readonly fillBelow?: boolean;
}

function token(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

function markerPlugin(marker: { x: number; y: number }, color: string): uPlot.Plugin {
  return {
    hooks: {
      draw: (chart: uPlot) => {
        const context = chart.ctx;
        const x = chart.valToPos(marker.x, 'x', true);
        const y = chart.valToPos(marker.y, 'y', true);
        const ratio = window.devicePixelRatio || 1;
        context.save();
        context.strokeStyle = color;
        context.setLineDash([4 * ratio, 4 * ratio]);
        context.lineWidth = ratio;
        context.beginPath();
        context.moveTo(x, chart.bbox.top);
        context.lineTo(x, chart.bbox.top + chart.bbox.height);
        context.stroke();
        context.setLineDash([]);
        context.fillStyle = color;
        context.beginPath();
        context.arc(x, y, 4 * ratio, 0, 2 * Math.PI);
        context.fill();
        context.restore();
      },
    },
  };
}

export function CurveChart({ series, label, xLabel, yLabel, xRange, formatX, marker = null, testId, height = 240, fillBelow = false }: CurveChartProps): ReactElement {
  const frameRef = useRef<HTMLDivElement>(null);
  const targetRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const { width } = useElementSize(frameRef);
  // The chart is built once the container has a width; later widths only resize it (see below).
  const widthRef = useRef(width);
  useEffect(() => {
    widthRef.current = width;
  });
  const ready = width > 0;
  const [xMin, xMax] = xRange;
  const markerX = marker?.x ?? null;
  const markerY = marker?.y ?? null;

  useEffect(() => {
    const target = targetRef.current;
    if (target === null || !ready) return;
    const text = token('--text-2', '#7f8797');
    const grid = token('--border', '#2a303b');
    const accent = token('--accent', '#4c8dff');
    const warning = token('--warning', '#f2b233');
    const font = `11px ${token('--font-ui', 'system-ui')}`;
    const axis = (name: string): uPlot.Axis => ({
      label: name,
      stroke: text,
      font,
      labelFont: font,
      labelSize: 18,
      size: 36,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1, size: 4 },
    });
    const options: uPlot.Options = {
      width: Math.floor(widthRef.current),
      height,
      padding: [10, 14, 0, 0],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7, fill: accent } },
      scales: { x: { time: false, range: [xMin, xMax] }, y: { range: [0, 1] } },
      axes: [{ ...axis(xLabel), ...(formatX === undefined ? {} : { values: (_chart: uPlot, ticks: number[]) => ticks.map(formatX) }) }, axis(yLabel)],
      series: [
        {},
        {
          label,
          stroke: accent,
          width: 2,
          ...(fillBelow ? { fill: 'rgba(76, 141, 255, 0.08)' } : {}),
          points: { show: series.x.length <= 24, size: 6, fill: accent, stroke: accent },
        },
      ],
      plugins: markerX === null || markerY === null ? [] : [markerPlugin({ x: markerX, y: markerY }, warning)],
    };
    const chart = new uPlot(options, [series.x, series.y], target);
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [series, label, xLabel, yLabel, xMin, xMax, formatX, markerX, markerY, height, fillBelow, ready]);

  useEffect(() => {
    if (width > 0) chartRef.current?.setSize({ width: Math.floor(width), height });
  }, [width, height]);

  return (
    <div className="curve-chart" ref={frameRef} data-testid={testId} data-points={series.x.length}>
      <div ref={targetRef} />
    </div>
  );
}
