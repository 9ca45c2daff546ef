/**
 * The iteration explorer's state for one image: the trace (useImageTrace), the selected iteration
 * (i* by default), the candidate picked in the table, which layers the canvas shows, the decoded soft
 * masks and each iteration's distance to the mean mask (the quantity i* minimises, from the trace).
 */
import { useState } from 'react';
import type { ImageTrace, IterationView } from '../../../../../shared/dto/runs';
import { patchLayout, type PatchName } from '../../../../../core/int/patches';
import { isBoolean, isNumber, usePersistentState } from '../../../ui/usePersistentState';
import { useIterationMasks, type IterationMasksState } from './iterationMasks';
import { traceOverlay, type BoxLike, type TraceOverlay } from './traceGeometry';
import { useImageTrace, type ImageTraceState } from './useImageTrace';
import { stepIteration } from './explorerKeys';

/** Canvas layers of the explorer; 'proposal' is the stored mask overlay of the masks tab. */
export type TraceLayerName = 'heat' | 'detections' | 'candidates' | 'points' | 'proposal';

export interface TraceExplorer {
  readonly source: ImageTraceState;
  readonly trace: ImageTrace | null;
  readonly iteration: IterationView | null;
  readonly setIteration: (index: number) => void;
  readonly step: (delta: number) => void;
  readonly toFinal: () => void;
  readonly selectedCandidate: number | null;
  readonly setSelectedCandidate: (index: number | null) => void;
  readonly show: Readonly<Record<TraceLayerName, boolean>>;
  readonly toggle: (layer: TraceLayerName) => void;
  readonly heatOpacity: number;
  readonly setHeatOpacity: (value: number) => void;
  readonly masks: IterationMasksState;
  /** RMS distance of each iteration's mask to the mean of all, in iteration order, from the trace; null for older traces. */
  readonly distances: readonly number[] | null;
  readonly overlay: TraceOverlay | null;
  readonly pickRun: (runId: number | null) => void;
  /** The run was chosen by the person (or the route), not found automatically. */
  readonly pinnedRunId: number | null;
}

interface Keyed<T> {
  readonly key: string;
  readonly value: T;
}

export function useTraceExplorer(projectId: number, imageId: number, routeRunId: number | null, imageSize: { readonly width: number; readonly height: number }): TraceExplorer {
  const [picked, setPicked] = useState<Keyed<number | null> | null>(null);
  const pinnedRunId = picked !== null && picked.key === String(imageId) ? picked.value : routeRunId;
  const source = useImageTrace(projectId, imageId, pinnedRunId);
  const trace = source.trace;
  const traceKey = trace === null ? '' : `${trace.runId}:${trace.imageId}`;

  const [selection, setSelection] = useState<Keyed<number> | null>(null);
  const [candidateSelection, setCandidateSelection] = useState<Keyed<number | null> | null>(null);
  const [heatOn, setHeatOn] = usePersistentState('explorer.heat', true, isBoolean);
  const [detectionsOn, setDetectionsOn] = usePersistentState('explorer.detections', true, isBoolean);
  const [candidatesOn, setCandidatesOn] = usePersistentState('explorer.candidates', false, isBoolean);
  const [pointsOn, setPointsOn] = usePersistentState('explorer.points', true, isBoolean);
  const [proposalOn, setProposalOn] = usePersistentState('explorer.proposal', false, isBoolean);
  const [heatOpacity, setHeatOpacity] = usePersistentState('explorer.heatOpacity', 0.75, isNumber);

  const iterations = trace?.iterations ?? [];
  const count = iterations.length;
  const defaultIndex = trace?.finalIteration ?? count;
  const selectedIndex = selection !== null && selection.key === traceKey ? selection.value : defaultIndex;
  const iteration = iterations.find((candidate) => candidate.index === selectedIndex) ?? iterations[iterations.length - 1] ?? null;
  const iterationKey = `${traceKey}:${iteration?.index ?? ''}`;
  const selectedCandidate = candidateSelection !== null && candidateSelection.key === iterationKey ? candidateSelection.value : null;

  const masks = useIterationMasks(iterations.map((candidate) => candidate.id));
  // The trace stores ||M_i - Mbar||_2 over the float masks; shown per pixel (RMS) so images of any size compare.
  const pixels = Math.max(1, imageSize.width * imageSize.height);
  const distances = trace?.distancesToMean?.map((distance) => distance / Math.sqrt(pixels)) ?? null;

  let overlay: TraceOverlay | null = null;
  if (iteration !== null) {
    const candidate = iteration.candidates.find((entry) => entry.index === selectedCandidate);
    let patch: BoxLike | null = null;
    if (candidate !== undefined && source.run !== null && imageSize.width > 0) {
      const layout = patchLayout(imageSize.width, imageSize.height, source.run.options.scales.length > 0 ? source.run.options.scales : ['whole']);
      patch = layout.find((entry) => entry.name === (candidate.patch as PatchName))?.rect ?? null;
    }
    overlay = traceOverlay(iteration, { selectedCandidate, selectedPatch: patch });
  }

  const setIteration = (index: number): void => setSelection({ key: traceKey, value: stepIteration(index, 0, count) });
  const show = { heat: heatOn, detections: detectionsOn, candidates: candidatesOn, points: pointsOn, proposal: proposalOn };
  const setters: Record<TraceLayerName, (value: boolean) => void> = {
    heat: setHeatOn,
    detections: setDetectionsOn,
    candidates: setCandidatesOn,
    points: setPointsOn,
    proposal: setProposalOn,
  };
  return {
    source,
    trace,
    iteration,
    setIteration,
    step: (delta) => setSelection({ key: traceKey, value: stepIteration(iteration?.index ?? defaultIndex, delta, count) }),
    toFinal: () => setSelection({ key: traceKey, value: defaultIndex }),
    selectedCandidate,
    setSelectedCandidate: (index) => {
      setCandidateSelection({ key: iterationKey, value: index });
      if (index !== null && !candidatesOn) setCandidatesOn(true);
    },
    show,
    toggle: (layer) => setters[layer](!show[layer]),
    heatOpacity,
    setHeatOpacity,
    masks,
    distances,
    overlay,
    pickRun: (runId) => setPicked({ key: String(imageId), value: runId }),
    pinnedRunId,
  };
}
