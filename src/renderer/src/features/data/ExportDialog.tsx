/**
 * Export a project's masks: format, destination folder, which images (all with masks, or approved ones) and
 * whose masks (current annotations or one run). The export runs as a job: the dialog shows its progress and
 * can cancel it (nothing is written then), and ends with the report (images, instances, warnings, manifest).
 */
import { useState, type ReactElement } from 'react';
import type { ExportFormat, ExportReport, ExportScope } from '../../../../shared/dto/transfer';
import { call } from '../../api/client';
import { useRequest } from '../../api/hooks';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { ErrorBanner, FieldError } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { plural } from '../../ui/format';
import { trackStartedJob } from '../jobs/jobsStore';
import type { FieldErrors } from '../projects/fieldErrors';
import { ChoiceGroup, type Choice } from './ChoiceGroup';
import { formErrors, NO_ERRORS } from './formErrors';
import { JobPhaseBody, JobPhaseFooter } from './JobPhase';
import { PathField } from './PathField';
import { useJobReport } from './useJobReport';

/** The job kind main gives an export (src/main/services/export/export-job.ts). */
const EXPORT_KIND = 'export';

const FORMATS: readonly Choice<ExportFormat>[] = [
  { value: 'coco', label: 'COCO (RLE)', hint: 'annotations.json, masks as compressed RLE; holes kept' },
  { value: 'coco-polygons', label: 'COCO polygons', hint: 'polygons where exact; masks with holes stay RLE' },
  { value: 'png', label: 'PNG binary', hint: 'one 0/255 mask per image, the union of its instances' },
  { value: 'png-instance', label: 'PNG instances', hint: '16-bit, pixel = instance number, with instances.json' },
  { value: 'png-palette', label: 'PNG palette', hint: 'indexed, pixel = label id, label colours' },
  { value: 'soft', label: 'Soft masks', hint: 'the model\'s probabilities as 8-bit gray' },
  { value: 'yolo-seg', label: 'YOLO-seg', hint: 'labels/*.txt polygons, classes.txt, data.yaml' },
  { value: 'labelme', label: 'labelme', hint: 'one JSON per image, polygons and mask shapes' },
];

const SCOPES: readonly Choice<ExportScope>[] = [
  { value: 'all', label: 'All images with masks' },
  { value: 'approved', label: 'Approved only' },
];

const fetchReport = (jobId: number) => call('export.report', { jobId });

function Report({ report }: { readonly report: ExportReport }): ReactElement {
  return (
    <div className="data-report" data-testid="export-report">
      <div className="data-report-head">
        <Icon name="check" />
        <span>
          Exported {plural(report.images, 'image')} with {plural(report.instances, 'instance')} as <strong>{report.format}</strong>
        </span>
      </div>
      <dl className="data-facts">
        <dt>Folder</dt>
        <dd className="mono">{report.out}</dd>
        <dt>Manifest</dt>
        <dd className="mono">{report.manifest}</dd>
      </dl>
      {report.warnings.length === 0 ? null : (
        <details className="data-problems" open={report.warnings.length <= 8}>
          <summary>{plural(report.warnings.length, 'warning')} (also in the manifest)</summary>
          <ul>
            {report.warnings.slice(0, 200).map((warning, index) => (
              <li key={index}>
                <span className="mono">
                  {warning.fileName}
                  {warning.instance === undefined ? '' : ` #${warning.instance}`}
                </span>
                <span>{warning.message}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function ExportDialog({ projectId, onClose }: { readonly projectId: number; readonly onClose: () => void }): ReactElement {
  const sources = useRequest('eval.sources', { projectId });
  const [format, setFormat] = useState<ExportFormat>('coco');
  const [out, setOut] = useState('');
  const [scope, setScope] = useState<ExportScope>('all');
  const [runId, setRunId] = useState<number | null>(null);
  const [force, setForce] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const { job, report, error } = useJobReport(jobId, fetchReport);

  const submit = (): void => {
    if (submitting) return;
    setSubmitting(true);
    setErrors(NO_ERRORS);
    void call('export.start', { projectId, format, out: out.trim(), scope, force, ...(runId === null ? {} : { runId }) }).then((result) => {
      setSubmitting(false);
      if (result.ok) {
        trackStartedJob(result.value.jobId, EXPORT_KIND, projectId);
        setJobId(result.value.jobId);
      } else setErrors(formErrors(result.error, ['out', 'runId'], 'out'));
    });
  };

  const runs = sources.value?.runs ?? [];
  const footer =
    jobId === null ? (
      <DialogActions
        note="Nothing is overwritten unless you allow it"
        onCancel={onClose}
        label="Export"
        icon="file"
        busy={submitting}
        busyLabel="Starting the export"
        disabled={out.trim() === ''}
        onAction={submit}
        testId="export-submit"
      />
    ) : (
      <JobPhaseFooter jobId={jobId} job={job} noun="export" testId="export" onClose={onClose} />
    );

  return (
    <Dialog title="Export masks" onClose={onClose} testId="export-dialog" width={640} footer={footer}>
      {jobId !== null ? (
        <JobPhaseBody jobId={jobId} job={job} verb="Exporting" unit="image" testId="export" report={report === null ? null : <Report report={report} />} error={error} />
      ) : (
        <div className="form">
          <ChoiceGroup label="Format" choices={FORMATS} value={format} onChange={setFormat} testId="export-format" columns />
          <PathField
            id="export-out"
            label="Destination folder"
            value={out}
            onChange={(value) => {
              setOut(value);
              setErrors(NO_ERRORS);
            }}
            pick="folder"
            placeholder="/data/exports/polyps-coco"
            hint="A new folder, or an empty one. It appears complete or not at all: a stopped or failed export leaves nothing behind."
            error={errors.byField['out']}
            testId="export-out"
          />
          <div className="field-pair">
            <ChoiceGroup label="Images" choices={SCOPES} value={scope} onChange={setScope} testId="export-scope" />
            <div className="field">
              <label htmlFor="export-source">Masks from</label>
              <select
                id="export-source"
                className="input"
                value={runId === null ? '' : String(runId)}
                onChange={(event) => setRunId(event.target.value === '' ? null : Number(event.target.value))}
                data-testid="export-source"
              >
                <option value="">Current annotations</option>
                {runs.map((run) => (
                  <option key={run.id} value={run.id}>
                    Run {run.id}
                    {run.modelPackName === null ? '' : ` · ${run.modelPackName}`} ({run.status})
                  </option>
                ))}
              </select>
              <FieldError message={errors.byField['runId']} />
            </div>
          </div>
          <label className="switch">
            <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} data-testid="export-force" />
            <span className="switch-track" aria-hidden="true" />
            Replace a previous IntSeg Studio export in this folder (never other files)
          </label>
          {errors.general.length === 0 ? null : <ErrorBanner error={errors.general.join(' ')} compact />}
        </div>
      )}
    </Dialog>
  );
}
