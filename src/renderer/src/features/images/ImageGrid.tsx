/**
 * The virtualised thumbnail grid of one image listing. Only the rows on screen (plus overscan) exist in
 * the DOM, and only their pages are fetched (ImagePageCache), so 50,000 images scroll like 50.
 *
 * Keyboard: the grid is one tab stop (aria-activedescendant names the selected cell); arrows, Page
 * Up/Down, Home/End move the selection, Enter opens it. Mouse: click selects, double-click opens.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactElement } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImageSummary } from '../../../../shared/dto/images';
import { assetUrl } from '../../api/client';
import { Icon } from '../../ui/icons';
import { useElementSize } from '../../ui/useElementSize';
import { cellWidth, gridColumns, isGridKey, moveGridSelection } from './gridNavigation';
import type { ImagePageCache } from './imagePageCache';
import { StatusBadge } from './StatusBadge';

const GAP = 12;
const PADDING = 16;
const CAPTION_HEIGHT = 40;
/** Thumbnails are shown at 4:3, letterboxed. */
const THUMB_ASPECT = 3 / 4;

export interface ImageGridProps {
  readonly cache: ImagePageCache;
  readonly cellMinWidth: number;
  readonly selected: number | null;
  readonly onSelect: (index: number) => void;
  readonly onOpen: (index: number, image: ImageSummary) => void;
  /** Scroll position to start at (restored when coming back from an image). */
  readonly initialScroll: number;
  readonly onScrollChange: (offset: number) => void;
}

function Thumbnail({ image }: { readonly image: ImageSummary }): ReactElement {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <div className="thumb-missing" title="No thumbnail: the file may be missing or unreadable">
        <Icon name="file" size={22} />
      </div>
    );
  }
  return <img src={assetUrl('thumb', image.id)} alt="" draggable={false} decoding="async" onError={() => setFailed(true)} />;
}

export function ImageGrid({ cache, cellMinWidth, selected, onSelect, onOpen, initialScroll, onScrollChange }: ImageGridProps): ReactElement {
  const scrollRef = useRef<HTMLDivElement>(null);
  const version = useSyncExternalStore(
    (listener) => cache.subscribe(listener),
    () => cache.version,
  );
  const size = useElementSize(scrollRef);
  const innerWidth = Math.max(0, size.width - PADDING * 2);
  const columns = gridColumns(innerWidth, cellMinWidth, GAP);
  const cell = cellWidth(innerWidth, columns, GAP);
  const rowHeight = Math.round(cell * THUMB_ASPECT + CAPTION_HEIGHT + GAP);
  const total = cache.total ?? 0;
  const rowCount = Math.ceil(total / columns);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's methods are read during render by design; its state is not memoised by the compiler.
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 3,
    paddingStart: PADDING,
    paddingEnd: PADDING,
    initialOffset: initialScroll,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowHeight]);

  const rows = virtualizer.getVirtualItems();
  const firstRow = rows[0]?.index ?? 0;
  const lastRow = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    cache.ensureRange(firstRow * columns, (lastRow + 1) * columns - 1);
  }, [cache, firstRow, lastRow, columns, version]);

  // Coming back from an image (maybe many images further on), show the selected cell and take focus,
  // so the arrows work at once.
  const revealed = useRef(false);
  useEffect(() => {
    if (revealed.current || total === 0 || size.width === 0) return;
    revealed.current = true;
    scrollRef.current?.focus({ preventScroll: true });
    if (selected !== null) virtualizer.scrollToIndex(Math.floor(selected / columns), { align: 'auto' });
  }, [selected, total, columns, size.width, virtualizer]);

  const onScrollChangeRef = useRef(onScrollChange);
  useEffect(() => {
    onScrollChangeRef.current = onScrollChange;
  });
  useEffect(() => {
    const element = scrollRef.current;
    if (element === null) return;
    const report = (): void => onScrollChangeRef.current(element.scrollTop);
    element.addEventListener('scroll', report, { passive: true });
    return () => element.removeEventListener('scroll', report);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter' && selected !== null) {
      const image = cache.item(selected);
      if (image !== undefined) {
        event.preventDefault();
        onOpen(selected, image);
      }
      return;
    }
    if (!isGridKey(event.key)) return;
    event.preventDefault();
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const next = moveGridSelection(selected, event.key, columns, total, pageRows);
    if (next === null) return;
    onSelect(next);
    virtualizer.scrollToIndex(Math.floor(next / columns), { align: 'auto' });
  };

  return (
    <div
      ref={scrollRef}
      className="image-grid"
      role="grid"
      tabIndex={0}
      aria-label="Images"
      aria-rowcount={rowCount}
      aria-colcount={columns}
      aria-activedescendant={selected === null || selected >= total ? undefined : `image-cell-${selected}`}
      data-testid="image-grid"
      data-total={total}
      onKeyDown={onKeyDown}
    >
      <div className="image-grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const cells: ReactElement[] = [];
          for (let column = 0; column < columns; column++) {
            const index = row.index * columns + column;
            if (index >= total) break;
            const image = cache.item(index);
            const style = { width: cell, left: PADDING + column * (cell + GAP) };
            if (image === undefined) {
              cells.push(<div key={`placeholder-${index}`} className="grid-cell is-placeholder" role="gridcell" id={`image-cell-${index}`} aria-busy="true" style={style} />);
              continue;
            }
            cells.push(
              <div
                key={image.id}
                id={`image-cell-${index}`}
                role="gridcell"
                aria-selected={selected === index}
                className={`grid-cell${selected === index ? ' is-selected' : ''}`}
                style={style}
                data-testid="image-grid-cell"
                data-image-id={image.id}
                data-index={index}
                data-status={image.status}
                title={image.error === null ? image.path : `${image.path}\n${image.error}`}
                onMouseDown={(event) => {
                  if (event.button === 0) onSelect(index);
                }}
                onDoubleClick={() => onOpen(index, image)}
              >
                <div className="thumb" style={{ height: cell * THUMB_ASPECT }}>
                  <Thumbnail image={image} />
                  <StatusBadge status={image.status} />
                </div>
                <div className="cell-caption">
                  <span className="cell-name">{image.fileName}</span>
                  <span className="cell-meta">
                    {image.width}×{image.height}
                  </span>
                </div>
              </div>,
            );
          }
          return (
            <div key={row.key} className="grid-row" role="row" aria-rowindex={row.index + 1} style={{ transform: `translateY(${row.start}px)`, height: rowHeight - GAP }}>
              {cells}
            </div>
          );
        })}
      </div>
    </div>
  );
}
