/**
 * One absolute path on the machine that runs the services: typed (a browser tab of `intseg serve`) or picked
 * with the native dialog (the desktop app).
 */
import { useState, type ReactElement } from 'react';
import { call } from '../../api/client';
import { useAppInfo } from '../../app/AppInfoContext';
import { FieldError } from '../../ui/feedback';
import { Icon } from '../../ui/icons';

export function PathField({
  id,
  label,
  value,
  onChange,
  pick,
  placeholder,
  hint,
  error,
  testId,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** What the native picker chooses. */
  readonly pick: 'folder' | 'files';
  readonly placeholder: string;
  readonly hint: string;
  readonly error: string | undefined;
  readonly testId: string;
}): ReactElement {
  const info = useAppInfo();
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const choose = (): void => {
    setPicking(true);
    setPickError(null);
    void call('app.pickPaths', { kind: pick }).then((result) => {
      setPicking(false);
      if (!result.ok) setPickError(result.error.message);
      else if (result.value.paths[0] !== undefined) onChange(result.value.paths[0]);
    });
  };
  const shownError = error ?? pickError ?? undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="path-row">
        <input
          id={id}
          className="input mono"
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={shownError !== undefined}
          aria-describedby={`${id}-hint`}
          data-testid={testId}
        />
        {info?.canPickPaths === true ? (
          <button type="button" className="button" onClick={choose} disabled={picking}>
            <Icon name="folder" />
            Choose…
          </button>
        ) : null}
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <FieldError message={shownError} testId={`${testId}-error`} />
    </div>
  );
}
