/**
 * Import masks into a project: a COCO file, a folder of PNG masks or of labelme files, as annotations or as
 * ground truth for evaluation. Runs as a job; the dialog ends with the report, listing every item that was
 * not imported with its file and the reason.
 */
import { useState, type ReactElement } from 'react';
import type { ImportFormat, ImportReport, ImportTargetKind } from '../../../../shared/dto/transfer';
import { call } from '../../api/client';
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

/** The job kind main gives an import (src/main/services/import/import-job.ts). */
const IMPORT_KIND = 'annotation-import';

const FORMATS: readonly Choice<ImportFormat>[] = [
  { value: 'coco', label: 'COCO', hint: 'one JSON file; RLE (compressed or not) and polygons' },
  { value: 'png', label: 'PNG masks', hint: 'a folder of binary masks named like the images' },
  { value: 'labelme', label: 'labelme', hint: 'a folder of labelme JSON files' },
];

const TARGETS: readonly Choice<ImportTargetKind>[] = [
  { value: 'annotation', label: 'Annotations' },
  { value: 'ground-truth', label: 'Ground truth for evaluation' },
];

const fetchReport = (jobId: number) => call('import.report', { jobId });

function Report({ report }: { readonly report: ImportReport }): ReactElement {
  const what = report.as === 'ground-truth' ? 'ground truth' : 'annotations';
  return (
    <div className="data-report" data-testid="import-report">
      <div className="data-report-head">
        <Icon name={report.images > 0 ? 'check' : 'alert'} />
        <span>
          Imported {what} for {plural(report.images, 'image')} ({plural(report.instances, 'instance')}){report.cancelled ? ', then stopped' : ''}
        </span>
      </div>
      {report.notCurrent > 0 ? (
        <p className="field-hint">
          {plural(report.notCurrent, 'image')} keep a person&apos;s edit as the current annotation; the import is in their history.
        </p>
      ) : null}
      {report.addedLabels.length > 0 ? <p className="field-hint">Labels added to the project: {report.addedLabels.join(', ')}</p> : null}
      {report.problems.length === 0 ? (
        <p className="field-hint">Every item was imported.</p>
      ) : (
        <details className="data-problems" open data-testid="import-problems">
          <summary>{plural(report.problems.length, 'item')} not imported, or imported with a caveat</summary>
          <ul>
            {report.problems.slice(0, 500).map((problem, index) => (
              <li key={index} data-testid="import-problem">
                <span className="mono" title={problem.file}>
                  {problem.file.split(/[\\/]/).pop()}
                  {problem.item === 'file' ? '' : ` · ${problem.item}`}
                </span>
                <span>{problem.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function ImportDialog({ projectId, onClose }: { readonly projectId: number; readonly onClose: () => void }): ReactElement {
  const [format, setFormat] = useState<ImportFormat>('coco');
  const [path, setPath] = useState('');
  const [as, setAs] = useState<ImportTargetKind>('annotation');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const { job, report, error } = useJobReport(jobId, fetchReport);

  const submit = (): void => {
    if (submitting) return;
    setSubmitting(true);
    setErrors(NO_ERRORS);
    const trimmedLabel = label.trim();
    void call('import.start', { projectId, format, path: path.trim(), as, ...(format === 'png' && trimmedLabel !== '' ? { label: trimmedLabel } : {}) }).then((result) => {
      setSubmitting(false);
      if (result.ok) {
        trackStartedJob(result.value.jobId, IMPORT_KIND, projectId);
        setJobId(result.value.jobId);
      } else setErrors(formErrors(result.error, ['path', 'label'], 'path'));
    });
  };

  const footer =
    jobId === null ? (
      <DialogActions
        note="Matched to images by file name"
        onCancel={onClose}
        label="Import"
        icon="plus"
        busy={submitting}
        busyLabel="Starting the import"
        disabled={path.trim() === ''}
        onAction={submit}
        testId="import-submit"
      />
    ) : (
      <JobPhaseFooter jobId={jobId} job={job} noun="import" testId="import" onClose={onClose} />
    );

  return (
    <Dialog title="Import masks" onClose={onClose} testId="import-dialog" width={640} footer={footer}>
      {jobId !== null ? (
        <JobPhaseBody jobId={jobId} job={job} verb="Importing" unit="item" testId="import" report={report === null ? null : <Report report={report} />} error={error} />
      ) : (
        <div className="form">
          <ChoiceGroup label="Format" choices={FORMATS} value={format} onChange={setFormat} testId="import-format" columns />
          <PathField
            id="import-path"
            label={format === 'coco' ? 'COCO file' : 'Folder'}
            value={path}
            onChange={(value) => {
              setPath(value);
              setErrors(NO_ERRORS);
            }}
            pick={format === 'coco' ? 'files' : 'folder'}
            placeholder={format === 'coco' ? '/data/polyps/annotations.json' : '/data/polyps/masks'}
            hint={
              format === 'png'
                ? 'Each mask is matched to the image with the same name (extension ignored); sizes must agree.'
                : 'Images are matched by the file names the annotations give; anything that cannot be matched is reported.'
            }
            error={errors.byField['path']}
            testId="import-path"
          />
          <ChoiceGroup label="Import as" choices={TARGETS} value={as} onChange={setAs} testId="import-as" />
          <p className="field-hint">
            {as === 'annotation'
              ? 'A new annotation version per image. It becomes current, except where a person edited the image: their work stays current.'
              : 'Kept apart from annotations, as the truth that evaluations compare predictions with. Replaces earlier ground truth of the same images.'}
          </p>
          {format === 'png' ? (
            <div className="field">
              <label htmlFor="import-label">Label of the masks</label>
              <input id="import-label" className="input" value={label} placeholder="the project's first label" onChange={(event) => setLabel(event.target.value)} />
              <FieldError message={errors.byField['label']} />
            </div>
          ) : null}
          {errors.general.length === 0 ? null : <ErrorBanner error={errors.general.join(' ')} compact />}
        </div>
      )}
    </Dialog>
  );
}
