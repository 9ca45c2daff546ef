/** Label chips: the read-only list shown with a project, and the editable field of the create form. */
import { useRef, useState, type ReactElement } from 'react';
import type { Label } from '../../../../shared/dto/projects';
import { Icon } from '../../ui/icons';
import { nextLabelColor } from './labelColors';

export function LabelList({ labels, max }: { readonly labels: readonly Label[]; readonly max?: number }): ReactElement {
  const shown = max === undefined ? labels : labels.slice(0, max);
  return (
    <ul className="label-list" aria-label="Labels">
      {shown.map((label) => (
        <li key={label.name} className="chip chip-static">
          <span className="chip-swatch" style={{ background: label.color }} />
          {label.name}
        </li>
      ))}
      {shown.length < labels.length ? <li className="chip chip-static chip-more">+{labels.length - shown.length}</li> : null}
    </ul>
  );
}

export interface LabelChipsFieldProps {
  readonly id: string;
  readonly labels: readonly Label[];
  readonly onChange: (labels: Label[]) => void;
  readonly invalid: boolean;
  readonly describedBy?: string;
}

/**
 * Type a name and press Enter (or comma) to add a label; Backspace in the empty input removes the last.
 * Each chip's swatch opens the system colour picker. New labels take the next unused palette colour.
 */
export function LabelChipsField({ id, labels, onChange, invalid, describedBy }: LabelChipsFieldProps): ReactElement {
  const [draft, setDraft] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const add = (): void => {
    const name = draft.trim();
    if (name === '') return;
    if (labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) {
      setNote(`"${name}" is already a label`);
      return;
    }
    onChange([...labels, { name, color: nextLabelColor(labels.map((label) => label.color)) }]);
    setDraft('');
    setNote(null);
  };

  return (
    <div className={`chips-field${invalid ? ' is-invalid' : ''}`} onClick={() => inputRef.current?.focus()}>
      {labels.map((label, index) => (
        <span key={label.name} className="chip" data-testid="project-label-chip">
          <label className="chip-swatch chip-swatch-button" style={{ background: label.color }} title={`Colour of ${label.name}`}>
            <input
              type="color"
              value={label.color}
              aria-label={`Colour of ${label.name}`}
              onChange={(event) => onChange(labels.map((other, at) => (at === index ? { name: other.name, color: event.target.value } : other)))}
            />
          </label>
          <span className="chip-name">{label.name}</span>
          <button type="button" className="chip-remove" aria-label={`Remove ${label.name}`} onClick={() => onChange(labels.filter((_, at) => at !== index))}>
            <Icon name="close" size={12} />
          </button>
        </span>
      ))}
      <input
        ref={inputRef}
        id={id}
        className="chips-input"
        data-testid="project-label-input"
        value={draft}
        placeholder={labels.length === 0 ? 'Type a label and press Enter' : 'Add label'}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => {
          setDraft(event.target.value.replace(',', ''));
          setNote(null);
        }}
        onBlur={add}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault();
            add();
          } else if (event.key === 'Backspace' && draft === '' && labels.length > 0) {
            onChange(labels.slice(0, -1));
          }
        }}
      />
      {note === null ? null : <span className="chips-note" role="status">{note}</span>}
    </div>
  );
}
