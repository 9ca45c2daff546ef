/**
 * A project: sidebar (prompt, labels, filter by status), toolbar, and the virtualised image grid.
 * `projects.changed` for this project refreshes the counts and the visible pages of the grid.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { ImageStatus } from '../../../../shared/dto/images';
import type { Project } from '../../../../shared/dto/projects';
import { call } from '../../api/client';
import { useEvent, useRequest } from '../../api/hooks';
import { Breadcrumb } from '../../app/TopBar';
import { href, navigate } from '../../app/navigation';
import { Slot } from '../../app/slots';
import { EmptyState, ErrorBanner, LoadingBlock, ProgressBar } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount, plural } from '../../ui/format';
import { isNumber, usePersistentState } from '../../ui/usePersistentState';
import { LabelList } from '../projects/LabelChips';
import { ProjectRunsSection } from '../runs/ProjectRunsSection';
import { ProjectDataSection } from '../data/ProjectDataSection';
import { resumeJob, useJobs } from '../jobs/jobsStore';
import { isActiveStatus, jobFraction, jobsNewestFirst, jobTitle } from '../jobs/jobsState';
import { AddImagesDialog } from './AddImagesDialog';
import { ImageGrid } from './ImageGrid';
import { ImagePageCache } from './imagePageCache';
import { gridKey, recallGridPlace, rememberGridPlace, type GridPlace } from './gridMemory';
import { STATUS_LABELS, STATUS_ORDER, statusColorVar } from './imageStatus';

function StatusFilters({ project, status }: { readonly project: Project; readonly status: ImageStatus | null }): ReactElement {
  const shown = STATUS_ORDER.filter((candidate) => (project.statusCounts[candidate] ?? 0) > 0 || candidate === status);
  const go = (next: ImageStatus | null): void => navigate({ name: 'project', projectId: project.id, status: next }, { replace: true });
  return (
    <nav className="filter-list" aria-label="Filter by status">
      <button type="button" className="filter-item" aria-pressed={status === null} onClick={() => go(null)} data-testid="status-filter-all">
        <Icon name="grid" size={14} />
        <span className="filter-name">All images</span>
        <span className="filter-count">{formatCount(project.imageCount)}</span>
      </button>
      {shown.map((candidate) => (
        <button key={candidate} type="button" className="filter-item" aria-pressed={status === candidate} onClick={() => go(candidate)} data-testid={`status-filter-${candidate}`}>
          <span className="legend-dot" style={{ background: statusColorVar(candidate) }} />
          <span className="filter-name">{STATUS_LABELS[candidate]}</span>
          <span className="filter-count">{formatCount(project.statusCounts[candidate] ?? 0)}</span>
        </button>
      ))}
    </nav>
  );
}

/** The running job of this project, as a compact progress line in the toolbar. */
function ProjectJobProgress({ projectId }: { readonly projectId: number }): ReactElement | null {
  const active = jobsNewestFirst(useJobs()).find((job) => job.projectId === projectId && isActiveStatus(job.status));
  if (active === undefined) return null;
  return (
    <div className="inline-job" data-testid="project-job-active">
      <span>
        {jobTitle(active.kind)}
        {active.total > 0 ? ` ${formatCount(active.done)} / ${formatCount(active.total)}` : '…'}
      </span>
      <ProgressBar fraction={jobFraction(active)} label={jobTitle(active.kind)} />
    </div>
  );
}

/** An interrupted job of this project (the app closed or crashed while it ran), with Resume. */
function InterruptedJobBanner({ projectId }: { readonly projectId: number }): ReactElement | null {
  const interrupted = jobsNewestFirst(useJobs()).find((job) => job.projectId === projectId && job.status === 'interrupted');
  const [resumeError, setResumeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (interrupted === undefined) return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="interrupted-job-banner">
      <Icon name="alert" />
      <div className="banner-text">
        <strong>{jobTitle(interrupted.kind)} was interrupted</strong>
        <span>
          {interrupted.total > 0 ? `${formatCount(interrupted.done)} of ${formatCount(interrupted.total)} done. ` : ''}
          {resumeError ?? 'Resume carries on where it stopped.'}
        </span>
      </div>
      <button
        type="button"
        className="button button-small button-primary"
        data-testid="interrupted-job-resume"
        disabled={busy}
        onClick={() => {
          setResumeError(null);
          setBusy(true);
          void resumeJob(interrupted.id).then((result) => {
            setBusy(false);
            if (!result.ok) setResumeError(`Could not resume: ${result.error.message}`);
          });
        }}
      >
        <Icon name="play" size={14} />
        Resume
      </button>
    </div>
  );
}

function ImageArea({
  project,
  status,
  cellMinWidth,
  onAddImages,
}: {
  readonly project: Project;
  readonly status: ImageStatus | null;
  readonly cellMinWidth: number;
  readonly onAddImages: () => void;
}): ReactElement {
  const key = gridKey(project.id, status);
  const [cache] = useState(
    () =>
      new ImagePageCache((offset, limit) =>
        call('images.list', status === null ? { projectId: project.id, offset, limit } : { projectId: project.id, offset, limit, status }),
      ),
  );
  const [place] = useState(() => ({ ...recallGridPlace(key) }));
  const [selected, setSelected] = useState<number | null>(place.selected);
  const placeRef = useRef<GridPlace>(place);
  useEffect(() => {
    const current = placeRef.current;
    return () => rememberGridPlace(key, current);
  }, [key]);
  const select = (index: number): void => {
    setSelected(index);
    placeRef.current.selected = index;
  };

  useEvent('projects.changed', (payload) => {
    if (payload.projectId === project.id) cache.invalidate();
  });
  const [, setVersion] = useState(0);
  useEffect(() => cache.subscribe(() => setVersion(cache.version)), [cache]);

  if (cache.error !== null && cache.total === null) return <ErrorBanner error={cache.error} onRetry={() => cache.retry()} />;
  if (cache.total === null) {
    return (
      <>
        <ImageGridLoader cache={cache} />
        <LoadingBlock label="Loading images…" />
      </>
    );
  }
  if (cache.total === 0) {
    return status === null ? (
      <EmptyState
        icon="images"
        title="No images in this project"
        testId="project-empty"
        action={
          <button type="button" className="button button-primary" onClick={onAddImages}>
            <Icon name="plus" />
            Add images
          </button>
        }
      >
        Add a folder or files. Images stay where they are; the project keeps their paths and checks them for changes.
      </EmptyState>
    ) : (
      <EmptyState icon="grid" title={`No images are ${STATUS_LABELS[status].toLowerCase()}`} testId="filter-empty" action={<a className="button" href={href({ name: 'project', projectId: project.id, status: null })}>Show all images</a>} />
    );
  }
  return (
    <>
      {cache.error === null ? null : <ErrorBanner error={cache.error} compact onRetry={() => cache.retry()} />}
      <ImageGrid
        cache={cache}
        cellMinWidth={cellMinWidth}
        selected={selected}
        onSelect={select}
        initialScroll={place.scroll}
        onScrollChange={(offset) => {
          placeRef.current.scroll = offset;
        }}
        onOpen={(index, image) => navigate({ name: 'image', projectId: project.id, imageId: image.id, status, index })}
      />
    </>
  );
}

/** Asks for the first page while the grid is not shown yet (the grid itself asks once it knows the total). */
function ImageGridLoader({ cache }: { readonly cache: ImagePageCache }): null {
  useEffect(() => cache.ensureRange(0, 0), [cache]);
  return null;
}

export function ProjectPage({ projectId, status }: { readonly projectId: number; readonly status: ImageStatus | null }): ReactElement {
  const project = useRequest('projects.get', { projectId });
  const [adding, setAdding] = useState(false);
  const [cellMinWidth, setCellMinWidth] = usePersistentState('grid.cellWidth', 168, isNumber);
  useEvent('projects.changed', (payload) => {
    if (payload.projectId === projectId) project.reload();
  });

  const value = project.value;
  const breadcrumb = (
    <Slot name="breadcrumb">
      <Breadcrumb items={[{ label: 'Projects', href: href({ name: 'projects' }) }, { label: value?.name ?? '…' }]} />
    </Slot>
  );
  if (value === undefined) {
    return (
      <div className="page">
        {breadcrumb}
        <div className="page-content">{project.error === null ? <LoadingBlock label="Loading project…" /> : <ErrorBanner error={project.error} onRetry={project.reload} />}</div>
      </div>
    );
  }
  const shownCount = status === null ? value.imageCount : (value.statusCounts[status] ?? 0);
  return (
    <div className="project-layout">
      {breadcrumb}
      <aside className="sidebar" aria-label="Project">
        <section className="sidebar-section">
          <h2 className="sidebar-title" data-testid="project-title">
            {value.name}
          </h2>
          <p className="sidebar-prompt" title="Task prompt">
            {value.taskPrompt}
          </p>
          {value.labels.length === 0 ? null : <LabelList labels={value.labels} />}
        </section>
        <ProjectRunsSection project={value} />
        <ProjectDataSection project={value} />
        <section className="sidebar-section">
          <h3 className="sidebar-heading">Status</h3>
          <StatusFilters project={value} status={status} />
        </section>
      </aside>
      <section className="project-main">
        <div className="toolbar">
          <span className="toolbar-title">
            {status === null ? 'All images' : STATUS_LABELS[status]}
            <span className="toolbar-count">{plural(shownCount, 'image')}</span>
          </span>
          <ProjectJobProgress projectId={projectId} />
          <div className="toolbar-spacer" />
          <label className="toolbar-slider" title="Thumbnail size">
            <Icon name="grid" size={14} />
            <input type="range" min={112} max={320} step={8} value={cellMinWidth} onChange={(event) => setCellMinWidth(Number(event.target.value))} aria-label="Thumbnail size" />
          </label>
          <button type="button" className="button button-primary" onClick={() => setAdding(true)} data-testid="add-images-button">
            <Icon name="plus" />
            Add images
          </button>
        </div>
        {project.error === null ? null : <ErrorBanner error={project.error} compact onRetry={project.reload} />}
        <InterruptedJobBanner projectId={projectId} />
        <div className="project-images">
          <ImageArea key={`${projectId}:${status ?? ''}`} project={value} status={status} cellMinWidth={cellMinWidth} onAddImages={() => setAdding(true)} />
        </div>
      </section>
      {adding ? <AddImagesDialog projectId={projectId} onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
