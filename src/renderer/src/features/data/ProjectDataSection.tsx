/** The project sidebar's data section: evaluation, import and export of masks. */
import { useState, type ReactElement } from 'react';
import type { Project } from '../../../../shared/dto/projects';
import { useEvent, useRequest } from '../../api/hooks';
import { href } from '../../app/navigation';
import { Icon } from '../../ui/icons';
import { plural } from '../../ui/format';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

export function ProjectDataSection({ project }: { readonly project: Project }): ReactElement {
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  const sources = useRequest('eval.sources', { projectId: project.id });
  useEvent('projects.changed', (payload) => {
    if (payload.projectId === project.id) sources.reload();
  });
  const truth = sources.value?.groundTruthImages ?? 0;
  return (
    <section className="sidebar-section" data-testid="project-data-section">
      <h3 className="sidebar-heading">Data</h3>
      <a className="button sidebar-wide-button" href={href({ name: 'eval', projectId: project.id, evaluationId: null })} data-testid="open-evaluation">
        <Icon name="activity" />
        Evaluation
      </a>
      <div className="sidebar-button-pair">
        <button type="button" className="button button-small" onClick={() => setDialog('import')} data-testid="import-button">
          <Icon name="plus" size={14} />
          Import…
        </button>
        <button type="button" className="button button-small" onClick={() => setDialog('export')} data-testid="export-button">
          <Icon name="file" size={14} />
          Export…
        </button>
      </div>
      <p className="sidebar-note">{truth === 0 ? 'No ground truth imported yet' : `Ground truth for ${plural(truth, 'image')}`}</p>
      {dialog === 'import' ? <ImportDialog projectId={project.id} onClose={() => setDialog(null)} /> : null}
      {dialog === 'export' ? <ExportDialog projectId={project.id} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}
