/**
 * The iteration explorer's side panel: which run explains the image, the image's uncertainty, the
 * canvas layers, and for the selected iteration why it came out as it did (explanation, prompt and
 * ranking, names mined or rejected, the candidates table, dropped answers, mask generation, timings),
 * then how the iterations compare (what picked i*).
 */
import { useState, type ReactElement, type ReactNode } from 'react';
import { href } from '../../../app/navigation';
import { ErrorBanner, LoadingBlock } from '../../../ui/feedback';
import { Icon } from '../../../ui/icons';
import { formatMs, optionsSummary } from '../runFormat';
import { TestPackBadge } from '../TestPackBadge';
import { DEFAULT_CANDIDATE_SORT, type CandidateSort } from './candidateSort';
import { CandidateTable } from './CandidateTable';
import { explainIteration } from './explain';
import { heatGradientCss } from './heatMap';
import { TimingBar } from './TimingBar';
import { ConsistencyChart, DroppedAnswers, Explanation, MaskGeneration, NameList, PromptSummary, UncertaintySummary } from './TraceSections';
import type { TraceExplorer, TraceLayerName } from './useTraceExplorer';

function Section({ title, count, children, testId }: { readonly title: string; readonly count?: number; readonly children: ReactNode; readonly testId?: string }): ReactElement {
  return (
    <section className="inspector-section explorer-section" data-testid={testId}>
      <div className="inspector-heading">
        <h3>
          {title}
          {count === undefined ? null : <span className="count">{count}</span>}
        </h3>
      </div>
      {children}
    </section>
  );
}

const LAYERS: readonly { readonly layer: TraceLayerName; readonly title: string; readonly key: string }[] = [
  { layer: 'heat', title: 'Soft mask', key: 'M' },
  { layer: 'detections', title: 'Detections', key: '' },
  { layer: 'points', title: 'Points', key: '' },
  { layer: 'candidates', title: 'Candidates', key: 'C' },
  { layer: 'proposal', title: 'Proposal', key: 'H' },
];

function LayerControls({ explorer }: { readonly explorer: TraceExplorer }): ReactElement {
  return (
    <div className="layer-controls">
      <div className="layer-chips" role="group" aria-label="Canvas layers">
        {LAYERS.map(({ layer, title, key }) => (
          <button
            key={layer}
            type="button"
            className={`layer-chip layer-${layer}${explorer.show[layer] ? ' is-on' : ''}`}
            aria-pressed={explorer.show[layer]}
            onClick={() => explorer.toggle(layer)}
            title={key === '' ? `Show ${title.toLowerCase()}` : `Show ${title.toLowerCase()} (${key})`}
            data-testid={`layer-${layer}`}
          >
            <span className="layer-chip-swatch" aria-hidden="true" />
            {title}
          </button>
        ))}
      </div>
      <div className="heat-legend">
        <span className="heat-legend-bar" style={{ background: heatGradientCss() }} aria-hidden="true" />
        <span className="heat-legend-ticks" aria-hidden="true">
          <span>0</span>
          <span>0.5</span>
          <span>1</span>
        </span>
        <label className="slider-field heat-opacity">
          <span>Opacity</span>
          <input type="range" min={10} max={100} step={5} value={Math.round(explorer.heatOpacity * 100)} onChange={(event) => explorer.setHeatOpacity(Number(event.target.value) / 100)} aria-label="Soft mask opacity" />
          <output>{Math.round(explorer.heatOpacity * 100)}%</output>
        </label>
      </div>
    </div>
  );
}

function RunPicker({ explorer, projectId }: { readonly explorer: TraceExplorer; readonly projectId: number }): ReactElement | null {
  const runs = explorer.source.runs ?? [];
  const run = explorer.source.run;
  if (runs.length === 0) return null;
  return (
    <div className="run-picker">
      <select
        className="input run-picker-select"
        value={explorer.pinnedRunId === null ? '' : String(explorer.pinnedRunId)}
        onChange={(event) => explorer.pickRun(event.target.value === '' ? null : Number(event.target.value))}
        aria-label="Run whose trace is shown"
        data-testid="explorer-run-select"
      >
        <option value="">Newest run that did this image{explorer.pinnedRunId === null && run !== null ? ` (run ${run.id})` : ''}</option>
        {runs.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            Run {candidate.id}: {candidate.packName ?? 'unknown pack'}
            {candidate.testOnlyPack ? ' [TEST PACK]' : ''}, {candidate.options.iterations} it.
          </option>
        ))}
      </select>
      {run === null ? null : (
        <a className="icon-button" href={href({ name: 'runs', projectId, runId: run.id })} title={`Open run ${run.id}`} aria-label={`Open run ${run.id}`}>
          <Icon name="activity" size={14} />
        </a>
      )}
    </div>
  );
}

export function ExplorerPanel({ explorer, projectId }: { readonly explorer: TraceExplorer; readonly projectId: number }): ReactElement {
  const [sort, setSort] = useState<CandidateSort>(DEFAULT_CANDIDATE_SORT);
  const { source, trace, iteration } = explorer;
  const run = source.run;

  let body: ReactNode;
  const note = (content: ReactNode): ReactNode => <section className="inspector-section explorer-section">{content}</section>;
  if (source.status === 'loading') body = <LoadingBlock label="Loading the trace…" />;
  else if (source.status === 'error') body = note(<ErrorBanner error={source.error ?? 'the trace could not be loaded'} onRetry={source.reload} />);
  else if (source.status === 'none' || trace === null)
    body = note(
      <p className="inspector-empty" data-testid="trace-none">
        No INT run has segmented this image yet. Start one from the <a href={href({ name: 'project', projectId, status: null })}>project</a> or its <a href={href({ name: 'runs', projectId, runId: null })}>runs</a>.
      </p>
    );
  else if (trace.status !== 'done' || iteration === null)
    body = note(
      trace.status === 'failed' || trace.status === 'skipped' ? (
        <ErrorBanner error={{ code: 'model_error', message: `Run ${trace.runId} ${trace.status === 'failed' ? 'failed on this image' : 'skipped this image'}: ${trace.error ?? 'no reason recorded'}` }} />
      ) : (
        <p className="inspector-empty">Run {trace.runId} has not finished this image yet ({trace.status}).</p>
      ),
    );
  else
    body = (
      <>
        <section className="inspector-section explorer-section">
          <UncertaintySummary trace={trace} />
          <LayerControls explorer={explorer} />
        </section>
        <Section title={`Iteration ${iteration.index} of ${trace.iterations.length}: why`} testId="explorer-why">
          <PromptSummary iteration={iteration} />
          <Explanation lines={explainIteration(trace, iteration)} />
        </Section>
        <Section title="Names" count={new Set(iteration.candidates.map((candidate) => candidate.name)).size} testId="explorer-names">
          <NameList iteration={iteration} />
        </Section>
        <Section title="Candidates" count={iteration.candidates.length} testId="explorer-candidates">
          <CandidateTable iteration={iteration} sort={sort} onSort={setSort} selected={explorer.selectedCandidate} onSelect={explorer.setSelectedCandidate} />
        </Section>
        {iteration.dropped.length === 0 ? null : (
          <Section title="Dropped answers" count={iteration.dropped.length}>
            <DroppedAnswers iteration={iteration} />
          </Section>
        )}
        <Section title="Mask generation" testId="explorer-mask">
          <MaskGeneration iteration={iteration} />
        </Section>
        <Section title="Timings">
          <TimingBar timings={iteration.timingsMs} />
        </Section>
        {trace.iterations.length < 2 ? null : (
          <Section title="Across iterations">
            <ConsistencyChart trace={trace} distances={explorer.distances} selected={iteration.index} onSelect={explorer.setIteration} />
          </Section>
        )}
      </>
    );

  return (
    <div className="explorer" data-testid="iteration-explorer" data-run-id={trace?.runId ?? ''} data-iteration={iteration?.index ?? ''} data-final={trace?.finalIteration ?? ''}>
      <section className="inspector-section explorer-head">
        <RunPicker explorer={explorer} projectId={projectId} />
        {run === null ? null : (
          <p className="explorer-run-line">
            {run.testOnlyPack ? <TestPackBadge standIns={run.packReport?.standIns} /> : null}
            <span className="muted">{optionsSummary(run.options)}</span>
            {trace?.totalMs === null || trace?.totalMs === undefined ? null : <span className="muted"> · {formatMs(trace.totalMs)}</span>}
          </p>
        )}
        {run !== null && (run.packReport?.fallbacks.length ?? 0) > 0 ? (
          <p className="text-warning explorer-fallback">
            <Icon name="alert" size={12} /> Device fallback: {run.packReport?.fallbacks.join('; ')}
          </p>
        ) : null}
      </section>
      {body}
    </div>
  );
}
