/**
 * One image: the canvas with its stored masks as overlays, the toolbar (previous/next, zoom, fit, 1:1)
 * and the inspector, with two tabs: the masks, and the INT trace explorer (why the image was segmented
 * the way it was, iteration by iteration). Keys: F fit, 1 actual size, +/- zoom, Left/Right (or A/D,
 * PageUp/PageDown) previous/next image, H show/hide masks, Escape back to the grid; Space+drag or
 * middle-drag pans; in the explorer [ ] step iterations, I jumps to i*, C candidates, M soft mask.
 * Opened from a run (route `run`), next/previous follow that run's list, most uncertain first in review.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { assetUrl } from '../../api/client';
import { useEvent, useRequest } from '../../api/hooks';
import { Breadcrumb } from '../../app/TopBar';
import { href, navigate } from '../../app/navigation';
import type { Route } from '../../app/routes';
import { Slot } from '../../app/slots';
import { ErrorBanner } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount } from '../../ui/format';
import { useElementSize } from '../../ui/useElementSize';
import { isBoolean, isNumber, usePersistentState } from '../../ui/usePersistentState';
import { gridKey, rememberGridSelection } from '../images/gridMemory';
import { labelColor } from '../projects/labelColors';
import { viewerActionForKey } from './canvasInput';
import { ImageCanvas } from './ImageCanvas';
import { InstancePanel } from './InstancePanel';
import { useMaskBitmaps } from './maskBitmaps';
import { findNeighbours, neighbourWindowOffset } from './neighbours';
import { useImageElement } from './useImageElement';
import { isTypingTarget, useSpaceHeld } from './useSpaceHeld';
import { useViewport } from './useViewport';
import { createValueStore, useValue, type ValueStore } from './valueStore';
import { formatZoom, type Point } from './viewport';
import { ExplorerPanel } from '../runs/explorer/ExplorerPanel';
import { explorerActionForKey } from '../runs/explorer/explorerKeys';
import { IterationStrip } from '../runs/explorer/IterationStrip';
import { TraceLayer } from '../runs/explorer/TraceLayer';
import { useTraceExplorer } from '../runs/explorer/useTraceExplorer';
import { findRunNeighbours } from '../runs/runNeighbours';

type InspectorTab = 'masks' | 'trace';

function isInspectorTab(value: unknown): value is InspectorTab {
  return value === 'masks' || value === 'trace';
}

type ImageRoute = Extract<Route, { name: 'image' }>;

function CursorReadout({ store, width, height, zoom }: { readonly store: ValueStore<Point | null>; readonly width: number; readonly height: number; readonly zoom: string }): ReactElement {
  const cursor = useValue(store);
  return (
    <div className="status-readout" data-testid="canvas-readout">
      <span className="mono">{cursor === null ? '—' : `x ${cursor.x}  y ${cursor.y}`}</span>
      <span>
        {width} × {height}
      </span>
      <span>{zoom}</span>
    </div>
  );
}

interface PerImage<T> {
  readonly imageId: number;
  readonly value: T;
}

export function ImageViewPage({ route }: { readonly route: ImageRoute }): ReactElement {
  const { projectId, imageId, status, index: indexHint } = route;
  const runId = route.run ?? null;
  const runOrder = route.order ?? 'run';
  const project = useRequest('projects.get', { projectId });
  const image = useRequest('images.get', { imageId });
  const masks = useRequest('masks.forImage', { imageId });
  const windowOffset = indexHint === null ? 0 : neighbourWindowOffset(indexHint);
  const listing = useRequest(
    'images.list',
    indexHint === null || runId !== null ? null : status === null ? { projectId, offset: windowOffset, limit: 3 } : { projectId, offset: windowOffset, limit: 3, status },
  );
  const runListing = useRequest('runs.images', indexHint === null || runId === null ? null : { runId, offset: windowOffset, limit: 3, order: runOrder });
  useEvent('projects.changed', (payload) => {
    if (payload.projectId !== projectId) return;
    project.reload();
    image.reload();
    masks.reload();
    listing.reload();
  });
  useEvent('runs.changed', (payload) => {
    if (runId !== null && payload.runId === runId && payload.imageId !== null) runListing.reload();
  });

  const summary = image.value;
  const imageSize = { width: summary?.width ?? 0, height: summary?.height ?? 0 };
  const loaded = useImageElement(summary === undefined ? null : assetUrl('image', imageId));
  const hostRef = useRef<HTMLDivElement>(null);
  const viewSize = useElementSize(hostRef);
  const view = useViewport(imageId, imageSize, viewSize);
  const spaceHeld = useSpaceHeld();
  const [cursor] = useState(() => createValueStore<Point | null>(null));

  const [opacity, setOpacity] = usePersistentState('overlay.opacity', 0.45, isNumber);
  const [masksVisible, setMasksVisible] = usePersistentState('overlay.visible', true, isBoolean);
  const [hiddenState, setHiddenState] = useState<PerImage<ReadonlySet<number>>>({ imageId, value: new Set() });
  const hidden = hiddenState.imageId === imageId ? hiddenState.value : new Set<number>();
  const [selectedState, setSelectedState] = useState<PerImage<number | null>>({ imageId, value: null });
  const selected = selectedState.imageId === imageId ? selectedState.value : null;

  const labels = project.value?.labels ?? [];
  const colorOf = (label: string): string => labelColor(labels, label);
  const instances = masks.value?.instances;
  const overlay = useMaskBitmaps(instances, colorOf, imageSize.width, imageSize.height);
  const selectedInstance = instances?.find((instance) => instance.id === selected) ?? null;

  const neighbours =
    runId !== null
      ? runListing.value === undefined
        ? null
        : findRunNeighbours(runListing.value, windowOffset, imageId)
      : listing.value === undefined
        ? null
        : findNeighbours(listing.value, windowOffset, imageId);
  const runParams = runId === null ? {} : route.order === 'uncertainty' ? { run: runId, order: route.order } : { run: runId };
  const go = (target: { readonly id: number } | null, delta: 1 | -1): void => {
    if (target === null || neighbours === null || neighbours.index === null) return;
    const index = neighbours.index + delta;
    if (runId === null) rememberGridSelection(gridKey(projectId, status), index);
    navigate({ name: 'image', projectId, imageId: target.id, status, index, ...runParams }, { replace: true });
  };
  const back = (): void => {
    if (runId !== null) {
      navigate({ name: 'runs', projectId, runId });
      return;
    }
    if (neighbours?.index !== null && neighbours?.index !== undefined) rememberGridSelection(gridKey(projectId, status), neighbours.index);
    navigate({ name: 'project', projectId, status });
  };

  // Opened from a run, the trace shows first; once the person picks a tab, their choice holds.
  const [savedTab, setSavedTab] = usePersistentState<InspectorTab>('inspector.tab', 'masks', isInspectorTab);
  const [tabChosen, setTabChosen] = useState(false);
  const tab: InspectorTab = !tabChosen && runId !== null ? 'trace' : savedTab;
  const setTab = (next: InspectorTab): void => {
    setTabChosen(true);
    setSavedTab(next);
  };
  const explaining = tab === 'trace';
  const explorer = useTraceExplorer(projectId, imageId, runId, imageSize);
  const tracedIteration = explorer.trace?.status === 'done' ? explorer.iteration : null;

  // Warm the browser cache with the next image so stepping through a folder does not wait on the disk.
  const nextId = neighbours?.next?.id;
  useEffect(() => {
    if (nextId === undefined) return;
    const warm = new Image();
    warm.src = assetUrl('image', nextId);
  }, [nextId]);

  const actions = useRef({ view, go, back, neighbours, setMasksVisible, masksVisible, explorer, explaining });
  useEffect(() => {
    actions.current = { view, go, back, neighbours, setMasksVisible, masksVisible, explorer, explaining };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTypingTarget(event.target) || document.querySelector('dialog[open]') !== null) return;
      const current = actions.current;
      const explorerAction = current.explaining ? explorerActionForKey(event) : null;
      if (explorerAction !== null) {
        event.preventDefault();
        if (explorerAction === 'previous-iteration') current.explorer.step(-1);
        else if (explorerAction === 'next-iteration') current.explorer.step(1);
        else if (explorerAction === 'final-iteration') current.explorer.toFinal();
        else if (explorerAction === 'toggle-candidates') current.explorer.toggle('candidates');
        else current.explorer.toggle('heat');
        return;
      }
      const action = viewerActionForKey(event);
      if (action === null) return;
      event.preventDefault();
      switch (action) {
        case 'fit':
          current.view.fit();
          break;
        case 'actual-size':
          current.view.actualSize();
          break;
        case 'zoom-in':
          current.view.step(1);
          break;
        case 'zoom-out':
          current.view.step(-1);
          break;
        case 'next-image':
          current.go(current.neighbours?.next ?? null, 1);
          break;
        case 'previous-image':
          current.go(current.neighbours?.previous ?? null, -1);
          break;
        case 'toggle-masks':
          if (current.explaining) current.explorer.toggle('proposal');
          else current.setMasksVisible(!current.masksVisible);
          break;
        case 'back':
          current.back();
          break;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const position =
    neighbours === null || neighbours.index === null ? (indexHint === null ? null : '…') : `${formatCount(neighbours.index + 1)} / ${formatCount(neighbours.total)}`;
  const heatMask = tracedIteration === null ? undefined : explorer.masks.masks.get(tracedIteration.id);
  const zoomText = formatZoom(view.viewport.scale);

  return (
    <div className={`image-view${explaining ? ' is-explaining' : ''}`}>
      <Slot name="breadcrumb">
        <Breadcrumb
          items={[
            { label: 'Projects', href: href({ name: 'projects' }) },
            { label: project.value?.name ?? '…', href: href({ name: 'project', projectId, status }) },
            ...(runId === null ? [] : [{ label: `Run ${runId}${route.order === 'uncertainty' ? ': most uncertain first' : ''}`, href: href({ name: 'runs', projectId, runId }) }]),
            { label: summary?.fileName ?? '…' },
          ]}
        />
      </Slot>
      <Slot name="status">
        <CursorReadout store={cursor} width={imageSize.width} height={imageSize.height} zoom={zoomText} />
      </Slot>
      <div className="viewer">
        <div className="viewer-toolbar" role="toolbar" aria-label="Viewer">
          <div className="button-group">
            <button type="button" className="icon-button" onClick={back} aria-label={runId === null ? 'Back to the grid (Escape)' : 'Back to the run (Escape)'} title={runId === null ? 'Back to the grid (Esc)' : 'Back to the run (Esc)'}>
              <Icon name="grid" />
            </button>
          </div>
          <div className="button-group">
            <button
              type="button"
              className="icon-button"
              onClick={() => go(neighbours?.previous ?? null, -1)}
              disabled={neighbours?.previous == null}
              aria-label="Previous image"
              title="Previous image (←)"
              data-testid="previous-image"
            >
              <Icon name="chevron-left" />
            </button>
            <span className="viewer-position" data-testid="image-position">
              {position ?? ''}
            </span>
            <button
              type="button"
              className="icon-button"
              onClick={() => go(neighbours?.next ?? null, 1)}
              disabled={neighbours?.next == null}
              aria-label="Next image"
              title="Next image (→)"
              data-testid="next-image"
            >
              <Icon name="chevron-right" />
            </button>
          </div>
          <span className="viewer-file" title={summary?.path}>
            {summary?.fileName ?? ''}
          </span>
          <div className="toolbar-spacer" />
          <div className="button-group">
            <button type="button" className="icon-button" onClick={() => view.step(-1)} aria-label="Zoom out" title="Zoom out (−)">
              <Icon name="zoom-out" />
            </button>
            <span className="viewer-zoom" data-testid="zoom-level">
              {zoomText}
            </span>
            <button type="button" className="icon-button" onClick={() => view.step(1)} aria-label="Zoom in" title="Zoom in (+)">
              <Icon name="zoom-in" />
            </button>
          </div>
          <div className="button-group">
            <button type="button" className={`button button-small${view.fitted ? ' is-active' : ''}`} onClick={view.fit} title="Fit to window (F)" data-testid="zoom-fit">
              <Icon name="fit" size={14} />
              Fit
            </button>
            <button
              type="button"
              className={`button button-small${view.viewport.scale === 1 ? ' is-active' : ''}`}
              onClick={view.actualSize}
              title="Actual size (1)"
              data-testid="zoom-actual"
            >
              1:1
            </button>
          </div>
          <div className="button-group">
            <button
              type="button"
              className={`icon-button${masksVisible ? ' is-active' : ''}`}
              aria-pressed={masksVisible}
              onClick={() => setMasksVisible(!masksVisible)}
              aria-label="Show masks (H)"
              title="Show masks (H)"
            >
              <Icon name="layers" />
            </button>
          </div>
        </div>
        <div className="viewer-stage">
          <ImageCanvas
            hostRef={hostRef}
            viewSize={viewSize}
            image={loaded.element}
            imageSize={imageSize}
            viewport={view.viewport}
            bitmaps={overlay.bitmaps}
            overlayComplete={instances !== undefined && !overlay.pending}
            hidden={hidden}
            masksVisible={explaining ? explorer.show.proposal : masksVisible}
            opacity={opacity}
            selectedInstance={selected}
            selectedBox={selectedInstance?.bbox ?? null}
            spaceHeld={spaceHeld}
            toolActive={false}
            onPan={view.pan}
            onZoomAt={view.zoomAt}
            onCursor={cursor.set}
          >
            {explaining && tracedIteration !== null ? (
              <TraceLayer
                imageWidth={imageSize.width}
                imageHeight={imageSize.height}
                scale={view.viewport.scale}
                heat={heatMask?.heat ?? null}
                heatOpacity={explorer.heatOpacity}
                overlay={explorer.overlay}
                show={explorer.show}
              />
            ) : null}
          </ImageCanvas>
          {image.error === null && loaded.error === null ? null : (
            <div className="viewer-message">
              <ErrorBanner error={image.error ?? loaded.error ?? ''} onRetry={image.error === null ? undefined : image.reload} />
            </div>
          )}
          {overlay.pending && instances !== undefined ? <div className="viewer-chip">Drawing masks…</div> : null}
        </div>
        {explaining && explorer.trace !== null && tracedIteration !== null ? (
          <IterationStrip trace={explorer.trace} selected={tracedIteration} masks={explorer.masks.masks} onSelect={explorer.setIteration} onStep={explorer.step} />
        ) : null}
      </div>
      <div className="inspector-column">
        <div className="inspector-tabs" role="tablist" aria-label="Inspector">
          <button type="button" role="tab" aria-selected={!explaining} className={explaining ? '' : 'is-active'} onClick={() => setTab('masks')} data-testid="inspector-tab-masks">
            <Icon name="layers" size={14} />
            Masks
          </button>
          <button type="button" role="tab" aria-selected={explaining} className={explaining ? 'is-active' : ''} onClick={() => setTab('trace')} data-testid="inspector-tab-trace">
            <Icon name="activity" size={14} />
            Why: INT trace
          </button>
        </div>
        {explaining ? (
          <aside className="inspector" aria-label="INT trace">
            <ExplorerPanel explorer={explorer} projectId={projectId} />
          </aside>
        ) : (
          <InstancePanel
            image={summary}
            instances={instances}
            version={masks.value?.version ?? null}
            masksError={masks.error}
            onRetryMasks={masks.reload}
            problems={overlay.problems}
            colorOf={colorOf}
            hidden={hidden}
            onToggleInstance={(instanceId) => {
              const next = new Set(hidden);
              if (next.has(instanceId)) next.delete(instanceId);
              else next.add(instanceId);
              setHiddenState({ imageId, value: next });
            }}
            onShowAll={(visible) => setHiddenState({ imageId, value: visible ? new Set() : new Set((instances ?? []).map((instance) => instance.id)) })}
            masksVisible={masksVisible}
            onMasksVisible={setMasksVisible}
            opacity={opacity}
            onOpacity={setOpacity}
            selected={selected}
            onSelect={(instanceId) => setSelectedState({ imageId, value: instanceId })}
            onFrame={(instance) => {
              setSelectedState({ imageId, value: instance.id });
              view.frame({ x: instance.bbox[0], y: instance.bbox[1], width: instance.bbox[2], height: instance.bbox[3] });
            }}
          />
        )}
      </div>
    </div>
  );
}
