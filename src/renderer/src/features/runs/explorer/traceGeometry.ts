/**
 * What the canvas draws for one iteration, in image pixels: detector boxes (with score and fusion
 * weight), the box that a fallback or SMG-off segmented instead, candidate boxes coloured by name
 * (the chosen name emphasised, a selected candidate highlighted with its patch), and the point prompts.
 * Pure: the Konva layer only maps these to shapes, and the geometry is tested without a canvas.
 */
import type { CandidateView, IterationView } from '../../../../../shared/dto/runs';

export interface BoxLike {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export type OverlayRectKind = 'detection' | 'segmented-box' | 'candidate' | 'patch';

export interface OverlayRect {
  readonly key: string;
  readonly kind: OverlayRectKind;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly color: string;
  readonly dashed: boolean;
  /** Drawn stronger (the chosen name, a selected candidate) or fainter (weight 0, other names). */
  readonly emphasis: 'strong' | 'normal' | 'faint';
  readonly label: string | null;
}

export interface OverlayPoint {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly positive: boolean;
}

export interface TraceOverlay {
  readonly detections: readonly OverlayRect[];
  readonly candidates: readonly OverlayRect[];
  readonly points: readonly OverlayPoint[];
}

export const DETECTION_COLOR = '#22d3ee';
export const SEGMENTED_BOX_COLOR = '#f2b233';
export const POSITIVE_COLOR = '#35c98a';
export const NEGATIVE_COLOR = '#f05d6c';
export const PATCH_COLOR = '#e7eaf0';

/** Candidate name colours by rank; rank 0 (Au_i) takes the accent. Distinct from the heat ramp and the points. */
export const NAME_COLORS: readonly string[] = ['#4c8dff', '#e879f9', '#a3e635', '#2dd4bf', '#fda4af', '#c4b5fd', '#fdba74', '#94a3b8'];

export function nameColor(name: string, ranking: readonly string[]): string {
  const rank = ranking.indexOf(name);
  return NAME_COLORS[rank < 0 ? NAME_COLORS.length - 1 : Math.min(rank, NAME_COLORS.length - 1)];
}

function rectOf(box: BoxLike): Pick<OverlayRect, 'x' | 'y' | 'width' | 'height'> {
  const x = Math.min(box.x1, box.x2);
  const y = Math.min(box.y1, box.y2);
  return { x, y, width: Math.abs(box.x2 - box.x1), height: Math.abs(box.y2 - box.y1) };
}

function sameBox(a: BoxLike, b: BoxLike): boolean {
  return Math.abs(a.x1 - b.x1) < 1e-6 && Math.abs(a.y1 - b.y1) < 1e-6 && Math.abs(a.x2 - b.x2) < 1e-6 && Math.abs(a.y2 - b.y2) < 1e-6;
}

export interface TraceOverlayOptions {
  /** Candidate index (CandidateView.index) picked in the table, or null. */
  readonly selectedCandidate: number | null;
  /** The selected candidate's patch rectangle in image pixels, when known. */
  readonly selectedPatch: BoxLike | null;
}

export function traceOverlay(iteration: IterationView, options: TraceOverlayOptions): TraceOverlay {
  const detections: OverlayRect[] = iteration.detections.map((detection, index) => {
    const mask = iteration.boxMasks.find((candidate) => candidate.source === 'detector' && sameBox(candidate.box, detection.box));
    const weight = mask === undefined ? null : mask.weight;
    const label = `${detection.phrase} ${detection.score.toFixed(2)}${weight === null ? '' : ` · w ${weight.toFixed(2)}`}`;
    // A candidate picked in the table takes the attention: detections step back, without labels.
    const picked = options.selectedCandidate !== null;
    return {
      key: `detection-${index}`,
      kind: 'detection',
      ...rectOf(detection.box),
      color: DETECTION_COLOR,
      dashed: false,
      emphasis: picked || detection.phrase !== iteration.phrase || weight === 0 ? 'faint' : 'normal',
      label: picked ? null : label,
    };
  });
  iteration.boxMasks.forEach((mask, index) => {
    if (mask.source === 'detector') return;
    detections.push({
      key: `segmented-${index}`,
      kind: 'segmented-box',
      ...rectOf(mask.box),
      color: SEGMENTED_BOX_COLOR,
      dashed: false,
      emphasis: 'normal',
      label: mask.source === 'union-of-boxes' ? 'union of candidate boxes' : 'candidate box (SMG off)',
    });
  });

  const candidates: OverlayRect[] = [];
  const selected = iteration.candidates.find((candidate) => candidate.index === options.selectedCandidate);
  if (selected !== undefined && options.selectedPatch !== null) {
    candidates.push({ key: 'patch', kind: 'patch', ...rectOf(options.selectedPatch), color: PATCH_COLOR, dashed: true, emphasis: 'normal', label: `${selected.patch} patch` });
  }
  const withBoxes = iteration.candidates.filter((candidate): candidate is CandidateView & { box: BoxLike } => candidate.box !== null);
  // The selected candidate is drawn last so it sits on top.
  const ordered = [...withBoxes.filter((candidate) => candidate !== selected), ...withBoxes.filter((candidate) => candidate === selected)];
  for (const candidate of ordered) {
    const isSelected = candidate === selected;
    const chosen = candidate.name === iteration.chosenPrompt;
    candidates.push({
      key: `candidate-${candidate.index}`,
      kind: 'candidate',
      ...rectOf(candidate.box),
      color: nameColor(candidate.name, iteration.ranking),
      dashed: !isSelected,
      emphasis: isSelected ? 'strong' : chosen ? 'normal' : selected === undefined ? 'normal' : 'faint',
      label: isSelected || selected === undefined ? `${candidate.name} · ${candidate.patch}` : null,
    });
  }

  const points = iteration.points.map((point, index) => ({ key: `point-${index}`, x: point.x, y: point.y, positive: point.label === 1 }));
  return { detections, candidates, points };
}

/**
 * Where a box's label goes, in image pixels: above the box when it fits inside the image, else just
 * inside its top edge. `labelHeight` is the label's height in image pixels (screen height / zoom).
 */
export function labelPosition(
  rect: Pick<OverlayRect, 'x' | 'y' | 'height' | 'kind'>,
  labelHeight: number,
): { readonly x: number; readonly y: number; readonly inside: boolean } {
  // A patch is large and shares its corner with candidate boxes: its label sits inside the bottom edge.
  if (rect.kind === 'patch') return { x: rect.x, y: rect.y + rect.height - labelHeight, inside: true };
  if (rect.y - labelHeight >= 0) return { x: rect.x, y: rect.y - labelHeight, inside: false };
  return { x: rect.x, y: rect.y, inside: true };
}
