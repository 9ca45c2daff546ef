/**
 * The inspector beside the canvas: the image's facts, overlay controls (show, opacity) and the list of
 * stored instances with per-instance visibility. Selecting an instance outlines it on the canvas;
 * double-clicking frames it.
 */
import type { ReactElement } from 'react';
import type { ImageSummary } from '../../../../shared/dto/images';
import type { MaskInstance } from '../../../../shared/dto/masks';
import { ErrorBanner, LoadingBlock } from '../../ui/feedback';
import type { AppErrorShape } from '../../../../shared/result';
import { Icon } from '../../ui/icons';
import { formatCount } from '../../ui/format';
import { StatusBadge } from '../images/StatusBadge';
import type { InstanceProblem } from './maskBitmaps';

export interface InstancePanelProps {
  readonly image: ImageSummary | undefined;
  readonly instances: readonly MaskInstance[] | undefined;
  readonly version: number | null;
  readonly masksError: AppErrorShape | null;
  readonly onRetryMasks: () => void;
  readonly problems: readonly InstanceProblem[];
  readonly colorOf: (label: string) => string;
  readonly hidden: ReadonlySet<number>;
  readonly onToggleInstance: (instanceId: number) => void;
  readonly onShowAll: (visible: boolean) => void;
  readonly masksVisible: boolean;
  readonly onMasksVisible: (visible: boolean) => void;
  readonly opacity: number;
  readonly onOpacity: (opacity: number) => void;
  readonly selected: number | null;
  readonly onSelect: (instanceId: number | null) => void;
  readonly onFrame: (instance: MaskInstance) => void;
}

const SOURCE_TEXT = { run: 'INT', human: 'Edited', import: 'Imported' } as const;

export function InstancePanel(props: InstancePanelProps): ReactElement {
  const { image, instances, hidden, selected } = props;
  const problemFor = new Map(props.problems.map((problem) => [problem.instanceId, problem.message]));
  const allHidden = instances !== undefined && instances.length > 0 && instances.every((instance) => hidden.has(instance.id));
  return (
    <aside className="inspector" aria-label="Image details">
      <section className="inspector-section">
        <h2 className="inspector-title" title={image?.path}>
          {image?.fileName ?? '…'}
        </h2>
        {image === undefined ? null : (
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={image.status} />
            </dd>
            <dt>Size</dt>
            <dd>
              {image.width} × {image.height} px
            </dd>
            <dt>Path</dt>
            <dd className="mono facts-path" title={image.path}>
              {image.path}
            </dd>
            {image.error === null ? null : (
              <>
                <dt>Problem</dt>
                <dd className="text-danger">{image.error}</dd>
              </>
            )}
          </dl>
        )}
      </section>
      <section className="inspector-section">
        <div className="inspector-heading">
          <h3>Overlay</h3>
          <label className="switch">
            <input type="checkbox" checked={props.masksVisible} onChange={(event) => props.onMasksVisible(event.target.checked)} data-testid="masks-visible" />
            <span className="switch-track" aria-hidden="true" />
            <span>Show masks</span>
          </label>
        </div>
        <label className="slider-field">
          <span>Opacity</span>
          <input
            type="range"
            min={0}
            max={100}
            step={1}
            value={Math.round(props.opacity * 100)}
            onChange={(event) => props.onOpacity(Number(event.target.value) / 100)}
            data-testid="opacity-slider"
            aria-label="Mask opacity"
          />
          <output>{Math.round(props.opacity * 100)}%</output>
        </label>
      </section>
      <section className="inspector-section inspector-grow">
        <div className="inspector-heading">
          <h3>
            Instances <span className="count">{instances === undefined ? '' : formatCount(instances.length)}</span>
          </h3>
          {instances === undefined || instances.length === 0 ? null : (
            <button type="button" className="button button-small button-ghost" onClick={() => props.onShowAll(allHidden)}>
              {allHidden ? 'Show all' : 'Hide all'}
            </button>
          )}
        </div>
        {props.version === null ? null : <p className="inspector-note">Annotation version {props.version}</p>}
        {props.masksError === null ? null : <ErrorBanner error={props.masksError} compact onRetry={props.onRetryMasks} />}
        {instances === undefined && props.masksError === null ? <LoadingBlock label="Loading masks…" /> : null}
        {instances !== undefined && instances.length === 0 ? (
          <p className="inspector-empty" data-testid="instances-empty">
            No masks yet. Run the task prompt on this project to propose them.
          </p>
        ) : null}
        {instances === undefined || instances.length === 0 ? null : (
          <ul className="instance-list" data-testid="instance-list" aria-label="Instances">
            {instances.map((instance, index) => {
              const visible = !hidden.has(instance.id);
              const problem = problemFor.get(instance.id);
              return (
                <li
                  key={instance.id}
                  className={`instance-item${selected === instance.id ? ' is-selected' : ''}${visible ? '' : ' is-hidden'}`}
                  data-testid="instance-item"
                  data-instance-id={instance.id}
                  data-visible={visible}
                >
                  <button
                    type="button"
                    className="icon-button"
                    aria-pressed={visible}
                    aria-label={`${visible ? 'Hide' : 'Show'} ${instance.label} ${index + 1}`}
                    onClick={() => props.onToggleInstance(instance.id)}
                    data-testid="instance-visibility"
                  >
                    <Icon name={visible ? 'eye' : 'eye-off'} size={14} />
                  </button>
                  <button
                    type="button"
                    className="instance-select"
                    aria-pressed={selected === instance.id}
                    onClick={() => props.onSelect(selected === instance.id ? null : instance.id)}
                    onDoubleClick={() => props.onFrame(instance)}
                    title="Click to select, double-click to zoom to it"
                  >
                    <span className="chip-swatch" style={{ background: props.colorOf(instance.label) }} />
                    <span className="instance-label">
                      {instance.label} <span className="muted">#{index + 1}</span>
                    </span>
                    <span className="instance-meta">
                      <span className="pill">{SOURCE_TEXT[instance.source]}</span>
                      <span className="instance-area">{formatCount(instance.area)} px</span>
                    </span>
                  </button>
                  {problem === undefined ? null : <p className="instance-problem">Cannot draw this mask: {problem}</p>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </aside>
  );
}
