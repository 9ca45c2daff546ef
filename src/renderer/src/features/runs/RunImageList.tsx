/**
 * A run's images, one row each, virtualised and paged (runs.images), in run order or most uncertain
 * first. Each row shows the image's state: pending; running with the iteration and stage (from the
 * job's progress, live); done with its uncertainty and i*; failed or skipped with the reason. Rows are
 * refetched after `runs.changed` for this run, coalesced, never polled. Enter or a click opens the
 * image with this run's trace, and next/previous there follow this list.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactElement } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RunImage } from '../../../../shared/dto/runs';
import { assetUrl, call } from '../../api/client';
import { navigate } from '../../app/navigation';
import type { RunImageOrder } from '../../app/routes';
import { ErrorBanner, LoadingBlock, ProgressBar, Spinner } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount } from '../../ui/format';
import { PageCache } from '../images/imagePageCache';
import { runImageDisplay, type LiveRunProgress, type RunImageDisplay } from './runProgress';
import { useRunChanges } from './useRunEvents';
import { UncertaintyMeter } from './UncertaintyMeter';

const ROW_HEIGHT = 48;
const PAGE_SIZE = 200;

const STATE_TEXT: Record<RunImageDisplay['state'], string> = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
};

function StateCell({ display }: { readonly display: RunImageDisplay }): ReactElement {
  return (
    <span className={`run-image-state state-${display.state}`}>
      <span className="run-image-state-head">
        {display.state === 'running' ? <Spinner label="Running" /> : <span className="state-dot" aria-hidden="true" />}
        <span className="run-image-state-name">{STATE_TEXT[display.state]}</span>
      </span>
      {display.detail === null ? null : (
        <span className="run-image-state-detail" title={display.detail}>
          {display.detail}
        </span>
      )}
      {display.state === 'running' && display.fraction !== null ? <ProgressBar fraction={display.fraction} label="Iterations of this image" /> : null}
    </span>
  );
}

export interface RunImageListProps {
  readonly projectId: number;
  readonly runId: number;
  readonly order: RunImageOrder;
  readonly live: LiveRunProgress | null;
  readonly jobActive: boolean;
}

export function RunImageList({ projectId, runId, order, live, jobActive }: RunImageListProps): ReactElement {
  const [cache] = useState(() => new PageCache<RunImage>((offset, limit) => call('runs.images', { runId, offset, limit, order }), PAGE_SIZE, (row) => row.imageId));
  useEffect(() => () => cache.dispose(), [cache]);
  const version = useSyncExternalStore(
    (listener) => cache.subscribe(listener),
    () => cache.version,
  );
  useRunChanges((event) => event.runId === runId, () => cache.invalidate());
  // The job moving to the next image (or stopping) means a row changed its stored status.
  const liveImage = live?.kind === 'image' ? live.imageId : null;
  const lastLive = useRef<number | null>(liveImage);
  useEffect(() => {
    if (lastLive.current === liveImage) return;
    lastLive.current = liveImage;
    cache.invalidate();
  }, [cache, liveImage]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const total = cache.total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's methods are read during render by design.
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    cache.ensureRange(first, Math.max(last, first + 20));
  }, [cache, first, last, version]);

  const [selected, setSelected] = useState<number | null>(null);
  const open = (index: number): void => {
    const row = cache.item(index);
    if (row === undefined) return;
    navigate(order === 'uncertainty' ? { name: 'image', projectId, imageId: row.imageId, status: null, index, run: runId, order } : { name: 'image', projectId, imageId: row.imageId, status: null, index, run: runId });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (total === 0) return;
    const move = (next: number): void => {
      event.preventDefault();
      const clamped = Math.max(0, Math.min(total - 1, next));
      setSelected(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    };
    if (event.key === 'ArrowDown') move((selected ?? -1) + 1);
    else if (event.key === 'ArrowUp') move((selected ?? 1) - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(total - 1);
    else if (event.key === 'Enter' && selected !== null) {
      event.preventDefault();
      open(selected);
    }
  };

  if (cache.error !== null && cache.total === null) return <ErrorBanner error={cache.error} onRetry={() => cache.retry()} />;
  if (cache.total === null) return <LoadingBlock label="Loading the run's images…" />;
  return (
    <div className="run-images">
      {cache.error === null ? null : <ErrorBanner error={cache.error} compact onRetry={() => cache.retry()} />}
      <div className="run-images-head" aria-hidden="true">
        <span>#</span>
        <span />
        <span>Image</span>
        <span>Status</span>
        <span>Uncertainty</span>
        <span title="The iteration whose mask became the proposal">i*</span>
      </div>
      <div
        ref={scrollRef}
        className="run-images-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={`Images of run ${runId}`}
        aria-activedescendant={selected === null ? undefined : `run-image-${selected}`}
        data-testid="run-image-list"
        data-total={total}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((virtualRow) => {
            const row = cache.item(virtualRow.index);
            const style = { transform: `translateY(${virtualRow.start}px)`, height: ROW_HEIGHT };
            if (row === undefined) return <div key={`placeholder-${virtualRow.index}`} className="run-image-row is-placeholder" style={style} />;
            const display = runImageDisplay(row, live, jobActive);
            return (
              <div
                key={row.imageId}
                id={`run-image-${virtualRow.index}`}
                role="option"
                aria-selected={selected === virtualRow.index}
                className={`run-image-row${selected === virtualRow.index ? ' is-selected' : ''}`}
                style={style}
                data-testid="run-image-row"
                data-image-id={row.imageId}
                data-state={display.state}
                data-uncertainty={row.uncertainty ?? ''}
                onClick={() => setSelected(virtualRow.index)}
                onDoubleClick={() => open(virtualRow.index)}
              >
                <span className="run-image-index">{formatCount(virtualRow.index + 1)}</span>
                <img className="run-image-thumb" src={assetUrl('thumb', row.imageId)} alt="" loading="lazy" decoding="async" />
                <span className="run-image-name" title={row.fileName}>
                  {row.fileName}
                </span>
                <StateCell display={display} />
                <span className="run-image-uncertainty">{row.uncertainty === null ? <span className="muted">—</span> : <UncertaintyMeter value={row.uncertainty} />}</span>
                <span className="run-image-final">
                  {row.finalIteration ?? '—'}
                  <button type="button" className="icon-button run-image-open" onClick={() => open(virtualRow.index)} aria-label={`Explain ${row.fileName}`} title="Open with this run's trace (Enter)" data-testid="run-image-open">
                    <Icon name="chevron-right" size={14} />
                  </button>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
