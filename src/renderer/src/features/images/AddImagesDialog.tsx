/**
 * Add images to a project. The files stay where they are; the project records paths and hashes.
 * - Desktop (app.info canPickPaths): native folder / file pickers fill the list.
 * - Browser tab (intseg serve): the user types or pastes absolute paths on the server machine.
 * Either way the list stays editable, and Import starts an `images.add` job whose progress and
 * per-file failures show in the status bar and jobs panel.
 */
import { useState, type ReactElement } from 'react';
import { call } from '../../api/client';
import { useAppInfo } from '../../app/AppInfoContext';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { ErrorBanner, FieldError } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { plural } from '../../ui/format';
import { fieldErrors, type FieldErrors } from '../projects/fieldErrors';
import { trackStartedJob } from '../jobs/jobsStore';
import { appendPaths, parsePathList } from './addImagesPaths';

const NO_ERRORS: FieldErrors = { byField: {}, general: [] };
/** The job kind main gives an import (src/main/services/images/import-job.ts); its own progress events confirm it. */
const IMAGE_IMPORT_KIND = 'image-import';

export function AddImagesDialog({ projectId, onClose }: { readonly projectId: number; readonly onClose: () => void }): ReactElement {
  const info = useAppInfo();
  const canPick = info?.canPickPaths === true;
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const [picking, setPicking] = useState(false);
  const paths = parsePathList(text);

  const pick = (kind: 'folder' | 'files'): void => {
    setPicking(true);
    void call('app.pickPaths', { kind }).then((result) => {
      setPicking(false);
      if (result.ok) setText((current) => appendPaths(current, result.value.paths));
      else setErrors({ byField: {}, general: [result.error.message] });
    });
  };

  const submit = (): void => {
    if (submitting) return;
    setSubmitting(true);
    void call('images.add', { projectId, paths }).then((result) => {
      setSubmitting(false);
      if (result.ok) {
        trackStartedJob(result.value.jobId, IMAGE_IMPORT_KIND, projectId);
        onClose();
      } else {
        setErrors(fieldErrors(result.error, ['paths']));
      }
    });
  };

  const placeholder = info?.platform === 'win32' ? 'D:\\datasets\\polyps\\images\nD:\\datasets\\polyps\\extra\\0001.png' : '/data/polyps/images\n/data/polyps/extra/0001.png';

  return (
    <Dialog
      title="Add images"
      onClose={onClose}
      testId="add-images-dialog"
      width={600}
      footer={
        <DialogActions
          note={paths.length === 0 ? 'Nothing listed yet' : plural(paths.length, 'path')}
          onCancel={onClose}
          label="Import"
          busy={submitting}
          busyLabel="Starting import"
          onAction={submit}
          testId="add-images-submit"
        />
      }
    >
      <div className="form">
        {canPick ? (
          <div className="picker-row">
            <button type="button" className="button" onClick={() => pick('folder')} disabled={picking} data-testid="add-images-pick-folder">
              <Icon name="folder" />
              Choose folder…
            </button>
            <button type="button" className="button" onClick={() => pick('files')} disabled={picking} data-testid="add-images-pick-files">
              <Icon name="images" />
              Choose files…
            </button>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="add-images-paths">{canPick ? 'Files and folders' : 'Paths on the server machine'}</label>
          <textarea
            id="add-images-paths"
            className="input textarea mono"
            data-testid="add-images-paths"
            rows={8}
            autoFocus={!canPick}
            spellCheck={false}
            value={text}
            placeholder={placeholder}
            aria-invalid={errors.byField.paths !== undefined}
            aria-describedby="add-images-hint"
            onChange={(event) => {
              setText(event.target.value);
              setErrors(NO_ERRORS);
            }}
          />
          <p className="field-hint" id="add-images-hint">
            {canPick
              ? 'Absolute paths, one per line. Folders are searched recursively for images.'
              : `Absolute paths on the machine running "intseg serve", one per line. Folders are searched recursively; files stay where they are.`}
          </p>
          <FieldError message={errors.byField.paths} testId="field-error-paths" />
        </div>
        {errors.general.length === 0 ? null : <ErrorBanner error={errors.general.join(' ')} compact />}
      </div>
    </Dialog>
  );
}
