/**
 * New project: name, task prompt (the one sentence INT segments the whole dataset from) and labels.
 * The server validates; its refusal is shown next to the field it names (details.issues[].path), and
 * anything it says about no shown field appears above the buttons.
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import type { Label, Project } from '../../../../shared/dto/projects';
import { call } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner, FieldError, Spinner } from '../../ui/feedback';
import { LabelChipsField } from './LabelChips';
import { fieldErrors, type FieldErrors } from './fieldErrors';

const FIELDS = ['name', 'taskPrompt', 'labels'] as const;
const NO_ERRORS: FieldErrors = { byField: {}, general: [] };

export function CreateProjectDialog({ onClose, onCreated }: { readonly onClose: () => void; readonly onCreated: (project: Project) => void }): ReactElement {
  const [name, setName] = useState('');
  const [taskPrompt, setTaskPrompt] = useState('');
  const [labels, setLabels] = useState<Label[]>([]);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    void call('projects.create', { name, taskPrompt, labels }).then((result) => {
      setSubmitting(false);
      if (result.ok) onCreated(result.value);
      else setErrors(fieldErrors(result.error, FIELDS));
    });
  };

  const clear = (field: (typeof FIELDS)[number]): void => {
    if (errors.byField[field] === undefined) return;
    const byField = { ...errors.byField };
    delete byField[field];
    setErrors({ byField, general: errors.general });
  };

  return (
    <Dialog
      title="New project"
      onClose={onClose}
      testId="create-project-dialog"
      footer={
        <>
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="create-project-form" className="button button-primary" disabled={submitting} data-testid="create-project-submit">
            {submitting ? <Spinner label="Creating" /> : null}
            Create project
          </button>
        </>
      }
    >
      <form id="create-project-form" className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="project-name">Name</label>
          <input
            id="project-name"
            className="input"
            data-testid="project-name-input"
            value={name}
            autoFocus
            placeholder="Colon polyps, CAMO test split…"
            aria-invalid={errors.byField.name !== undefined}
            aria-describedby={errors.byField.name === undefined ? undefined : 'field-error-name'}
            onChange={(event) => {
              setName(event.target.value);
              clear('name');
            }}
          />
          <FieldError id="field-error-name" message={errors.byField.name} />
        </div>
        <div className="field">
          <label htmlFor="project-prompt">Task prompt</label>
          <textarea
            id="project-prompt"
            className="input textarea"
            data-testid="project-prompt-input"
            rows={3}
            value={taskPrompt}
            placeholder="Segment the polyp in this colonoscopy image"
            aria-invalid={errors.byField.taskPrompt !== undefined}
            aria-describedby={errors.byField.taskPrompt === undefined ? 'project-prompt-hint' : 'field-error-taskPrompt project-prompt-hint'}
            onChange={(event) => {
              setTaskPrompt(event.target.value);
              clear('taskPrompt');
            }}
          />
          <p className="field-hint" id="project-prompt-hint">
            One sentence for the whole dataset. IntSeg mines an instance-specific prompt for each image from it.
          </p>
          <FieldError id="field-error-taskPrompt" message={errors.byField.taskPrompt} />
        </div>
        <div className="field">
          <label htmlFor="project-labels">Labels</label>
          <LabelChipsField
            id="project-labels"
            labels={labels}
            invalid={errors.byField.labels !== undefined}
            describedBy={errors.byField.labels === undefined ? undefined : 'field-error-labels'}
            onChange={(next) => {
              setLabels(next);
              clear('labels');
            }}
          />
          <FieldError id="field-error-labels" message={errors.byField.labels} />
        </div>
        {errors.general.length === 0 ? null : <ErrorBanner error={errors.general.join(' ')} compact />}
      </form>
    </Dialog>
  );
}
