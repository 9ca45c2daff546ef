/**
 * Start an INT run over a project: the project's task prompt, a model pack (an installed one from
 * `models.list`, test packs labelled as such, or a pack folder), and the run options with the paper's
 * defaults and what each ablation switch does. The server validates the pack and its ports before it
 * queues anything, and its refusal is shown next to the field it names.
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { ABLATIONS, ROUTES, SCALES, type ModelPackInfo } from '../../../../shared/dto/runs';
import { call } from '../../api/client';
import { useRequest } from '../../api/hooks';
import { useAppInfo } from '../../app/AppInfoContext';
import { navigate } from '../../app/navigation';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { ErrorBanner, FieldError, Spinner } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { fieldErrors, type FieldErrors } from '../projects/fieldErrors';
import { trackStartedJob } from '../jobs/jobsStore';
import {
  ABLATION_INFO,
  MAX_ITERATIONS,
  PAPER_DEFAULT_FORM,
  PAPER_FULL_MAE,
  ROUTE_INFO,
  SCALE_INFO,
  formToOptions,
  isPaperDefault,
  patchCount,
  toggleAblation,
  toggleScale,
  type RunForm,
  type RunFormField,
} from './runOptionsForm';
import { INT_RUN_JOB_KIND } from './runProgress';
import { TestPackBadge } from './TestPackBadge';

const NO_ERRORS: FieldErrors = { byField: {}, general: [] };
const FOLDER = '\u0000folder';

export interface StartRunDialogProps {
  readonly projectId: number;
  readonly taskPrompt: string;
  readonly imageCount: number;
  /** Options to start from (repeating a run); the paper's defaults otherwise. */
  readonly initial?: RunForm;
  /** The pack to preselect when it is installed (repeating a run): "name version", as RunSummary.packName. */
  readonly initialPackLabel?: string | null;
  readonly onClose: () => void;
}

function PackOption({ pack, selected, onSelect }: { readonly pack: ModelPackInfo; readonly selected: boolean; readonly onSelect: () => void }): ReactElement {
  return (
    <label className={`pack-option${selected ? ' is-selected' : ''}`} data-testid="run-pack-option" data-pack={pack.name} data-test-only={pack.testOnly}>
      <input type="radio" name="run-pack" checked={selected} onChange={onSelect} />
      <span className="pack-option-body">
        <span className="pack-option-title">
          <strong>{pack.name}</strong>
          <span className="muted">{pack.version}</span>
          {pack.testOnly ? <TestPackBadge /> : null}
        </span>
        {pack.description === null ? null : <span className="pack-option-description">{pack.description}</span>}
        <span className="pack-option-ports">{pack.ports.join(' · ')}</span>
      </span>
    </label>
  );
}

function firstUsablePack(packs: readonly ModelPackInfo[]): string {
  return (packs.find((pack) => !pack.testOnly) ?? packs[0])?.name ?? FOLDER;
}

export function StartRunDialog({ projectId, taskPrompt, imageCount, initial, initialPackLabel, onClose }: StartRunDialogProps): ReactElement {
  const info = useAppInfo();
  const packs = useRequest('models.list', {});
  const installed = packs.value ?? [];
  const [packChoice, setPackChoice] = useState<string | null>(null);
  const [folder, setFolder] = useState('');
  const [form, setForm] = useState<RunForm>(initial ?? PAPER_DEFAULT_FORM);
  const [localErrors, setLocalErrors] = useState<Partial<Record<RunFormField, string>>>({});
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const [picking, setPicking] = useState(false);

  // Until the person picks, the choice follows the list: the repeated run's pack, the first real pack,
  // else the first test pack, else a folder.
  const repeated = installed.find((candidate) => `${candidate.name} ${candidate.version}` === initialPackLabel)?.name;
  const choice = packChoice ?? (packs.value === undefined ? null : (repeated ?? firstUsablePack(installed)));
  const pack = choice === FOLDER ? folder.trim() : (choice ?? '');
  const update = (next: RunForm): void => {
    setForm(next);
    setLocalErrors({});
    setErrors(NO_ERRORS);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (submitting) return;
    const checked = formToOptions(form);
    if (!checked.ok) {
      setLocalErrors(checked.errors);
      return;
    }
    if (pack === '') {
      setErrors({ byField: { pack: choice === FOLDER ? 'type the folder of a model pack (the folder with pack.json)' : 'choose a model pack' }, general: [] });
      return;
    }
    setSubmitting(true);
    void call('runs.start', { projectId, pack, options: checked.options }).then((result) => {
      setSubmitting(false);
      if (!result.ok) {
        const mapped = fieldErrors(result.error, ['pack']);
        // The pack is resolved and checked before anything is queued; those refusals (no such folder, a
        // broken pack.json, a missing port) come without field paths but are about the pack.
        const aboutPack = mapped.byField.pack === undefined && mapped.general.length === 1 && /pack/i.test(result.error.message);
        setErrors(aboutPack ? { byField: { pack: result.error.message }, general: [] } : mapped);
        return;
      }
      trackStartedJob(result.value.jobId, INT_RUN_JOB_KIND, projectId);
      onClose();
      navigate({ name: 'runs', projectId, runId: result.value.runId });
    });
  };

  const pick = (): void => {
    setPicking(true);
    void call('app.pickPaths', { kind: 'folder' }).then((result) => {
      setPicking(false);
      if (result.ok && result.value.paths[0] !== undefined) setFolder(result.value.paths[0]);
      else if (!result.ok) setErrors({ byField: {}, general: [result.error.message] });
    });
  };

  const iterationsError = localErrors.iterations;
  const scalesError = localErrors.scales;
  const packError = errors.byField.pack;
  const hcgOff = form.ablate.includes('hcg');

  return (
    <Dialog
      title="Segment with INT"
      onClose={onClose}
      testId="start-run-dialog"
      width={720}
      footer={
        <DialogActions
          note={`${imageCount === 1 ? '1 image' : `${imageCount} images`} · ${hcgOff ? '1 patch' : `${patchCount(form.scales)} patches`} × ${form.iterations || '?'} iterations each`}
          onCancel={onClose}
          label="Start run"
          icon="play"
          busy={submitting}
          busyLabel="Starting the run"
          disabled={packs.status === 'loading'}
          form="start-run-form"
          testId="start-run-submit"
        />
      }
    >
      <form id="start-run-form" className="form run-form" onSubmit={submit} noValidate>
        <div className="run-prompt">
          <span className="run-prompt-label">Task prompt</span>
          <span className="run-prompt-text" data-testid="start-run-prompt">
            {taskPrompt}
          </span>
          <span className="field-hint">INT mines an instance-specific prompt from it for every image.</span>
        </div>

        <fieldset className="run-fieldset">
          <legend>Model pack</legend>
          {packs.error === null ? null : <ErrorBanner error={packs.error} compact onRetry={packs.reload} />}
          {packs.status === 'loading' && packs.value === undefined ? <Spinner label="Loading model packs" /> : null}
          <div className="pack-options" role="radiogroup" aria-label="Model pack">
            {installed.map((candidate) => (
              <PackOption key={candidate.dir} pack={candidate} selected={choice === candidate.name} onSelect={() => setPackChoice(candidate.name)} />
            ))}
            <label className={`pack-option${choice === FOLDER ? ' is-selected' : ''}`} data-testid="run-pack-folder-option">
              <input type="radio" name="run-pack" checked={choice === FOLDER} onChange={() => setPackChoice(FOLDER)} />
              <span className="pack-option-body">
                <span className="pack-option-title">
                  <strong>A pack folder</strong>
                  {installed.length === 0 && packs.status !== 'loading' ? <span className="muted">no pack is installed in {info?.dataDir ?? 'the data folder'}/models</span> : null}
                </span>
                {choice === FOLDER ? (
                  <span className="picker-row">
                    <input
                      className="input mono"
                      data-testid="run-pack-folder"
                      value={folder}
                      placeholder={info?.platform === 'win32' ? 'D:\\models\\int-small' : '/models/int-small'}
                      spellCheck={false}
                      aria-label="Model pack folder"
                      aria-invalid={packError !== undefined}
                      onChange={(event) => {
                        setFolder(event.target.value);
                        setErrors(NO_ERRORS);
                      }}
                    />
                    {info?.canPickPaths === true ? (
                      <button type="button" className="button" onClick={pick} disabled={picking}>
                        <Icon name="folder" />
                        Choose…
                      </button>
                    ) : null}
                  </span>
                ) : (
                  <span className="pack-option-description">An absolute path{info?.canPickPaths === true ? '' : ' on the machine running "intseg serve"'}: the folder holding pack.json.</span>
                )}
              </span>
            </label>
          </div>
          <FieldError message={packError} testId="field-error-pack" />
        </fieldset>

        <fieldset className="run-fieldset">
          <legend>
            Options
            {isPaperDefault(form) ? (
              <span className="pill pill-accent">paper defaults</span>
            ) : (
              <button type="button" className="button button-small button-ghost" onClick={() => update(PAPER_DEFAULT_FORM)} data-testid="run-options-reset">
                <Icon name="refresh" size={14} />
                Paper defaults
              </button>
            )}
          </legend>
          <div className="run-options-grid">
            <div className="field">
              <span className="field-label">Score route</span>
              <div className="segmented" role="radiogroup" aria-label="Score route">
                {ROUTES.map((route) => (
                  <button key={route} type="button" role="radio" aria-checked={form.route === route} className={form.route === route ? 'is-active' : ''} onClick={() => update({ ...form, route })} data-testid={`run-route-${route}`}>
                    {ROUTE_INFO[route].title}
                  </button>
                ))}
              </div>
              <p className="field-hint">{ROUTE_INFO[form.route].detail}</p>
            </div>
            <div className="field">
              <label htmlFor="run-iterations" className="field-label">
                Iterations
              </label>
              <input
                id="run-iterations"
                className="input run-iterations"
                inputMode="numeric"
                data-testid="run-iterations"
                value={form.iterations}
                aria-invalid={iterationsError !== undefined}
                onChange={(event) => update({ ...form, iterations: event.target.value })}
              />
              <p className="field-hint">1–{MAX_ITERATIONS}; the paper uses 5 (MAE on CHAMELEON .079 after 1, .039 after 5).</p>
              <FieldError message={iterationsError} testId="field-error-iterations" />
            </div>
            <div className="field">
              <span className="field-label">Patch scales</span>
              <div className="check-row">
                {SCALES.map((scale) => (
                  <label key={scale} className="check">
                    <input type="checkbox" checked={form.scales.includes(scale)} disabled={hcgOff} onChange={() => update(toggleScale(form, scale))} data-testid={`run-scale-${scale}`} />
                    <span>
                      {SCALE_INFO[scale].title} <span className="muted">×{SCALE_INFO[scale].patches}</span>
                    </span>
                  </label>
                ))}
              </div>
              <p className="field-hint">{hcgOff ? 'Without HCG only the whole image is used.' : `${patchCount(form.scales)} patches are asked for a name each iteration.`}</p>
              <FieldError message={scalesError} />
            </div>
            <div className="field">
              <span className="field-label">Early stop</span>
              <label className="switch">
                <input type="checkbox" checked={form.earlyStop} onChange={(event) => update({ ...form, earlyStop: event.target.checked })} data-testid="run-early-stop" />
                <span className="switch-track" aria-hidden="true" />
                <span>Stop when the mask stops changing</span>
              </label>
              <p className="field-hint">Mean |ΔM| below 0.003 twice in a row (GenSAM). Off in the paper.</p>
            </div>
          </div>
          <div className="field">
            <span className="field-label">Modules (switch off for an ablation, as in the paper's Table 3)</span>
            <ul className="ablation-list">
              {ABLATIONS.map((ablation) => {
                const detail = ABLATION_INFO[ablation];
                const on = !form.ablate.includes(ablation);
                return (
                  <li key={ablation} className={`ablation${on ? '' : ' is-off'}`}>
                    <label className="switch">
                      <input type="checkbox" checked={on} onChange={() => update(toggleAblation(form, ablation))} data-testid={`run-module-${ablation}`} aria-label={`${detail.short}: ${detail.title}`} />
                      <span className="switch-track" aria-hidden="true" />
                    </label>
                    <div className="ablation-text">
                      <span>
                        <strong>{detail.short}</strong> {detail.title}
                      </span>
                      <span className="ablation-off">
                        {on ? 'When off: ' : 'Switched off: '}
                        {detail.whenOff} <span className="muted">Paper MAE without it {detail.paperMae.toFixed(3).slice(1)} (full INT {PAPER_FULL_MAE.toFixed(3).slice(1)}).</span>
                      </span>
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        </fieldset>
        {errors.general.length === 0 ? null : <ErrorBanner error={errors.general.join(' ')} compact />}
      </form>
    </Dialog>
  );
}
