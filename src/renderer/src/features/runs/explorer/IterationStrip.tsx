/**
 * The iteration stepper over the bottom of the canvas: previous / next, one heat thumbnail per
 * iteration (i* marked), and the selected iteration's prompt. Keys: [ and ] step, I jumps to i*.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import type { ImageTrace, IterationView } from '../../../../../shared/dto/runs';
import { Icon } from '../../../ui/icons';
import type { IterationMask } from './iterationMasks';

function HeatThumb({ mask }: { readonly mask: IterationMask | undefined }): ReactElement {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (canvas === null || context === null || context === undefined) return;
    context.fillStyle = '#0b0d10';
    context.fillRect(0, 0, canvas.width, canvas.height);
    if (mask === undefined) return;
    const scale = Math.min(canvas.width / mask.width, canvas.height / mask.height);
    const width = mask.width * scale;
    const height = mask.height * scale;
    context.imageSmoothingEnabled = true;
    context.drawImage(mask.heat, (canvas.width - width) / 2, (canvas.height - height) / 2, width, height);
  }, [mask]);
  return <canvas ref={ref} className="iteration-thumb-canvas" width={56} height={42} aria-hidden="true" />;
}

export interface IterationStripProps {
  readonly trace: ImageTrace;
  readonly selected: IterationView;
  readonly masks: ReadonlyMap<number, IterationMask>;
  readonly onSelect: (index: number) => void;
  readonly onStep: (delta: number) => void;
}

export function IterationStrip({ trace, selected, masks, onSelect, onStep }: IterationStripProps): ReactElement {
  const count = trace.iterations.length;
  return (
    <div className="iteration-strip" role="toolbar" aria-label="Iterations" data-testid="iteration-strip">
      <button type="button" className="icon-button" onClick={() => onStep(-1)} disabled={selected.index <= 1} aria-label="Previous iteration ([)" title="Previous iteration ([)" data-testid="iteration-previous">
        <Icon name="chevron-left" />
      </button>
      <ol className="iteration-steps">
        {trace.iterations.map((iteration) => {
          const final = iteration.index === trace.finalIteration;
          const isSelected = iteration.index === selected.index;
          return (
            <li key={iteration.id}>
              <button
                type="button"
                className={`iteration-step${isSelected ? ' is-selected' : ''}${final ? ' is-final' : ''}`}
                aria-pressed={isSelected}
                onClick={() => onSelect(iteration.index)}
                title={`Iteration ${iteration.index}: prompt “${iteration.chosenPrompt ?? '—'}”${final ? ' (i*: the proposal)' : ''}`}
                data-testid="iteration-step"
                data-index={iteration.index}
                data-final={final}
              >
                <HeatThumb mask={masks.get(iteration.id)} />
                <span className="iteration-step-label">
                  {iteration.index}
                  {final ? <span className="final-badge">i*</span> : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="icon-button" onClick={() => onStep(1)} disabled={selected.index >= count} aria-label="Next iteration (])" title="Next iteration (])" data-testid="iteration-next">
        <Icon name="chevron-right" />
      </button>
      <div className="iteration-strip-info">
        <span className="iteration-strip-title">
          Iteration {selected.index} of {count}
          {selected.index === trace.finalIteration ? <span className="final-badge">i* · proposal</span> : null}
        </span>
        <span className="iteration-strip-prompt">
          Au<sub>{selected.index}</sub> = <strong>{selected.chosenPrompt ?? '—'}</strong>
          {selected.fallback === 'none' ? null : <span className="text-warning"> · fallback</span>}
        </span>
      </div>
      <span className="iteration-strip-keys" aria-hidden="true">
        <kbd>[</kbd> <kbd>]</kbd> step · <kbd>I</kbd> i*
      </span>
    </div>
  );
}
