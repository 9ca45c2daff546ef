/** A labelled group of mutually exclusive choices (a radio group drawn as buttons), with an optional hint per choice. */
import type { ReactElement } from 'react';

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
}

export function ChoiceGroup<T extends string>({
  label,
  choices,
  value,
  onChange,
  testId,
  columns = false,
}: {
  readonly label: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly testId: string;
  /** Cards with hints in a grid (formats), instead of a compact row. */
  readonly columns?: boolean;
}): ReactElement {
  return (
    <div className="field">
      <span className="field-label" id={`${testId}-label`}>
        {label}
      </span>
      <div className={columns ? 'choice-grid' : 'choice-row'} role="radiogroup" aria-labelledby={`${testId}-label`} data-testid={testId}>
        {choices.map((choice) => (
          <button
            key={choice.value}
            type="button"
            role="radio"
            aria-checked={choice.value === value}
            className={`choice${choice.value === value ? ' is-active' : ''}`}
            onClick={() => onChange(choice.value)}
            data-testid={`${testId}-${choice.value}`}
          >
            <span className="choice-label">{choice.label}</span>
            {columns && choice.hint !== undefined ? <span className="choice-hint">{choice.hint}</span> : null}
          </button>
        ))}
      </div>
    </div>
  );
}
