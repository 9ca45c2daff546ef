/**
 * The INT runs of a project (#/projects/<id>/runs[/<runId>]): the list of runs (newest first) and the
 * opened run. `runs.changed` for the project reloads the list (coalesced); live progress comes from
 * the jobs store. A new run starts from here or from the project page.
 */
import { useState, type ReactElement } from 'react';
import { useRequest } from '../../api/hooks';
import { Breadcrumb } from '../../app/TopBar';
import { href } from '../../app/navigation';
import { Slot } from '../../app/slots';
import { EmptyState, ErrorBanner, LoadingBlock } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { RunCard } from './RunCard';
import { RunDetail } from './RunDetail';
import type { RunForm } from './runOptionsForm';
import { StartRunDialog } from './StartRunDialog';
import { useRunChanges } from './useRunEvents';

interface DialogState {
  readonly form?: RunForm;
  readonly packLabel?: string | null;
}

export function RunsPage({ projectId, runId }: { readonly projectId: number; readonly runId: number | null }): ReactElement {
  const project = useRequest('projects.get', { projectId });
  const runs = useRequest('runs.list', { projectId });
  const [dialog, setDialog] = useState<DialogState | null>(null);
  useRunChanges((event) => event.projectId === projectId, runs.reload);

  const list = [...(runs.value ?? [])].sort((a, b) => b.id - a.id);
  const selected = runId === null ? list[0] : list.find((run) => run.id === runId);
  const value = project.value;
  return (
    <div className="runs-layout">
      <Slot name="breadcrumb">
        <Breadcrumb
          items={[
            { label: 'Projects', href: href({ name: 'projects' }) },
            { label: value?.name ?? '…', href: href({ name: 'project', projectId, status: null }) },
            { label: 'INT runs' },
          ]}
        />
      </Slot>
      <aside className="runs-sidebar" aria-label="Runs">
        <div className="runs-sidebar-head">
          <h2>INT runs</h2>
          <button type="button" className="button button-primary button-small" onClick={() => setDialog({})} disabled={value === undefined} data-testid="new-run-button">
            <Icon name="play" size={14} />
            New run
          </button>
        </div>
        {runs.error === null ? null : <ErrorBanner error={runs.error} compact onRetry={runs.reload} />}
        {runs.value === undefined && runs.error === null ? <LoadingBlock label="Loading runs…" /> : null}
        {runs.value !== undefined && list.length === 0 ? <p className="runs-empty-note">No runs yet.</p> : null}
        <ul className="run-cards" data-testid="run-list">
          {list.map((run) => (
            <RunCard key={run.id} run={run} selected={run.id === selected?.id} />
          ))}
        </ul>
      </aside>
      <div className="runs-main">
        {selected !== undefined ? (
          <RunDetail key={selected.id} run={selected} taskPrompt={value?.taskPrompt ?? ''} onChanged={runs.reload} onRepeat={(form, packLabel) => setDialog({ form, packLabel })} />
        ) : runs.value === undefined ? null : runId !== null && list.length > 0 ? (
          <EmptyState icon="alert" title={`Run ${runId} is not a run of this project`} action={<a className="button" href={href({ name: 'runs', projectId, runId: null })}>Show the newest run</a>} />
        ) : (
          <EmptyState
            icon="activity"
            title="No INT runs yet"
            testId="runs-empty"
            action={
              <button type="button" className="button button-primary" onClick={() => setDialog({})} disabled={value === undefined}>
                <Icon name="play" size={14} />
                Segment with INT…
              </button>
            }
          >
            A run segments every image of the project from its task prompt{value === undefined ? '' : ` “${value.taskPrompt}”`}, and records why: the names it mined and rejected, per iteration.
          </EmptyState>
        )}
      </div>
      {dialog === null || value === undefined ? null : (
        <StartRunDialog projectId={projectId} taskPrompt={value.taskPrompt} imageCount={value.imageCount} initial={dialog.form} initialPackLabel={dialog.packLabel} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
