/** The start page: every project with its prompt, image count and progress by status; create a new one. */
import { useState, type ReactElement } from 'react';
import type { Project } from '../../../../shared/dto/projects';
import { useEvent, useRequest } from '../../api/hooks';
import { Breadcrumb } from '../../app/TopBar';
import { href, navigate } from '../../app/navigation';
import { Slot } from '../../app/slots';
import { EmptyState, ErrorBanner, LoadingBlock } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount, formatRelativeTime, plural } from '../../ui/format';
import { CreateProjectDialog } from './CreateProjectDialog';
import { LabelList } from './LabelChips';
import { StatusDistribution } from './StatusDistribution';

function ProjectRow({ project }: { readonly project: Project }): ReactElement {
  return (
    <li>
      <a className="project-row" href={href({ name: 'project', projectId: project.id, status: null })} data-testid="project-list-item" data-project-id={project.id}>
        <div className="project-row-main">
          <div className="project-name">{project.name}</div>
          <div className="project-prompt" title={project.taskPrompt}>
            {project.taskPrompt}
          </div>
          {project.labels.length === 0 ? null : <LabelList labels={project.labels} max={6} />}
        </div>
        <div className="project-row-count">
          <strong>{formatCount(project.imageCount)}</strong>
          <span>{project.imageCount === 1 ? 'image' : 'images'}</span>
        </div>
        <div className="project-row-status">
          <StatusDistribution counts={project.statusCounts} total={project.imageCount} />
        </div>
        <div className="project-row-updated" title={project.updatedAt}>
          {formatRelativeTime(project.updatedAt)}
        </div>
      </a>
    </li>
  );
}

export function ProjectsPage(): ReactElement {
  const projects = useRequest('projects.list', {});
  const [creating, setCreating] = useState(false);
  useEvent('projects.changed', projects.reload);

  const list = projects.value ?? [];
  const createButton = (
    <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="create-project-button">
      <Icon name="plus" />
      New project
    </button>
  );

  return (
    <div className="page">
      <Slot name="breadcrumb">
        <Breadcrumb items={[{ label: 'Projects' }]} />
      </Slot>
      <div className="page-scroll">
        <div className="page-content">
          <header className="page-header">
            <div>
              <h1>Projects</h1>
              <p className="page-subtitle">{projects.value === undefined ? '\u00a0' : `${plural(list.length, 'project')} · ${plural(list.reduce((sum, project) => sum + project.imageCount, 0), 'image')}`}</p>
            </div>
            {createButton}
          </header>
          {projects.error === null ? null : <ErrorBanner error={projects.error} onRetry={projects.reload} />}
          {projects.status === 'loading' && projects.value === undefined ? <LoadingBlock label="Loading projects…" /> : null}
          {projects.status === 'ok' && list.length === 0 ? (
            <EmptyState icon="layers" title="No projects yet" testId="projects-empty" action={createButton}>
              A project is a set of images and one task prompt, such as “segment the polyp”. Create one, add a folder of images, and IntSeg proposes a mask for each.
            </EmptyState>
          ) : null}
          {list.length === 0 ? null : (
            <>
              <div className="project-list-head" aria-hidden="true">
                <span>Project</span>
                <span>Images</span>
                <span>Status</span>
                <span>Updated</span>
              </div>
              <ul className="project-list" data-testid="project-list">
                {list.map((project) => (
                  <ProjectRow key={project.id} project={project} />
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      {creating ? (
        <CreateProjectDialog
          onClose={() => setCreating(false)}
          onCreated={(project) => {
            setCreating(false);
            navigate({ name: 'project', projectId: project.id, status: null });
          }}
        />
      ) : null}
    </div>
  );
}
