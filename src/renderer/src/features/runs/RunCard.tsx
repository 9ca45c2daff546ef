/** One run in the project's run list: status, pack (test packs labelled), options, progress. */
import type { ReactElement } from 'react';
import type { RunSummary } from '../../../../shared/dto/runs';
import { href } from '../../app/navigation';
import { ProgressBar } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount, formatRelativeTime } from '../../ui/format';
import { RUN_STATUS_TEXT, optionsSummary, runStatusTone } from './runFormat';
import { TestPackBadge } from './TestPackBadge';
import { runTone } from './runLive';
import { useRunLive } from './useRunJob';

export function RunStatusPill({ run, interrupted }: { readonly run: RunSummary; readonly interrupted: boolean }): ReactElement {
  const tone = interrupted ? 'warning' : runStatusTone(run.status);
  return (
    <span className={`pill pill-${tone}`} data-testid="run-status" data-status={interrupted ? 'interrupted' : run.status}>
      {interrupted ? 'Interrupted' : RUN_STATUS_TEXT[run.status]}
    </span>
  );
}

export function RunCard({ run, selected }: { readonly run: RunSummary; readonly selected: boolean }): ReactElement {
  const live = useRunLive(run);
  const tone = runTone(run, live);
  const fallbacks = run.packReport?.fallbacks.length ?? 0;
  return (
    <li>
      <a
        className={`run-card${selected ? ' is-selected' : ''}`}
        href={href({ name: 'runs', projectId: run.projectId, runId: run.id })}
        aria-current={selected ? 'page' : undefined}
        data-testid="run-card"
        data-run-id={run.id}
        data-status={run.status}
      >
        <span className="run-card-head">
          <strong>Run {run.id}</strong>
          <RunStatusPill run={run} interrupted={live.interrupted} />
          <span className="run-card-time">{formatRelativeTime(run.createdAt)}</span>
        </span>
        <span className="run-card-pack">
          <span className="run-card-pack-name">{run.packName ?? 'unknown pack'}</span>
          {run.testOnlyPack ? <TestPackBadge standIns={run.packReport?.standIns} /> : null}
          {fallbacks === 0 ? null : (
            <span className="pill pill-warning" title={run.packReport?.fallbacks.join('\n')}>
              <Icon name="alert" size={12} /> {fallbacks} fallback{fallbacks === 1 ? '' : 's'}
            </span>
          )}
        </span>
        <span className="run-card-options">{optionsSummary(run.options)}</span>
        <span className="run-card-progress">
          <ProgressBar fraction={live.total === 0 ? null : live.done / live.total} tone={tone} label={`Run ${run.id} progress`} />
          <span className="run-card-count">
            {formatCount(live.done)} / {formatCount(live.total)}
            {run.failedCount > 0 ? <span className="text-danger"> · {formatCount(run.failedCount)} failed</span> : null}
          </span>
        </span>
      </a>
    </li>
  );
}
