/**
 * The per-image metrics of one evaluation, sorted and paged by the server, worst first by default so failures
 * come up first. Clicking a column sorts by it (again: the other way); clicking a row opens the image.
 */
import { useState, type ReactElement } from 'react';
import type { ImageSortKey } from '../../../../shared/dto/evaluation';
import { useRequest } from '../../api/hooks';
import { navigate } from '../../app/navigation';
import { ErrorBanner, LoadingBlock } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount } from '../../ui/format';
import { formatMetric, IMAGE_COLUMNS, nextSort, WORST_FIRST, type SortState } from './evalView';

const PAGE_SIZE = 50;

function SortHeader({ label, title, column, sort, onSort, numeric }: { readonly label: string; readonly title?: string; readonly column: ImageSortKey; readonly sort: SortState; readonly onSort: (key: ImageSortKey) => void; readonly numeric: boolean }): ReactElement {
  const active = sort.key === column;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'} title={title}>
      <button type="button" className={`eval-sort${active ? ' is-active' : ''}`} onClick={() => onSort(column)} data-testid={`sort-${column}`}>
        {label}
        <span className="eval-sort-mark" aria-hidden="true">
          {active ? (sort.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function ImageMetricsTable({ projectId, evaluationId }: { readonly projectId: number; readonly evaluationId: number }): ReactElement {
  const [sort, setSort] = useState<SortState>(WORST_FIRST);
  const [page, setPage] = useState(0);
  const rows = useRequest('eval.images', { evaluationId, sort: sort.key, descending: sort.descending, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  const total = rows.value?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const onSort = (key: ImageSortKey): void => {
    setSort((current) => nextSort(current, key));
    setPage(0);
  };

  if (rows.error !== null) return <ErrorBanner error={rows.error} onRetry={rows.reload} />;
  if (rows.value === undefined) return <LoadingBlock label="Loading per-image metrics…" />;
  return (
    <div className="eval-images">
      <div className="eval-table-frame eval-images-frame">
        <table className="eval-table eval-table-compact" data-testid="per-image-table">
          <thead>
            <tr>
              <SortHeader label="Image" column="fileName" sort={sort} onSort={onSort} numeric={false} />
              {IMAGE_COLUMNS.map((column) => (
                <SortHeader key={column.key} label={column.label} title={column.title} column={column.key} sort={sort} onSort={onSort} numeric />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.value.items.map((row) => (
              <tr
                key={row.imageId}
                className="is-clickable"
                onClick={() => navigate({ name: 'image', projectId, imageId: row.imageId, status: null, index: null })}
                data-testid="per-image-row"
                title="Open the image"
              >
                <th scope="row" className="eval-file">
                  <span className="mono">{row.fileName}</span>
                  {row.soft ? <span className="pill pill-plain-eval">soft</span> : null}
                </th>
                {IMAGE_COLUMNS.map((column) => (
                  <td key={column.key} className="num">
                    {formatMetric(row.metrics[column.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="eval-pager">
        <span>
          {total === 0 ? 'No images' : `${formatCount(page * PAGE_SIZE + 1)}–${formatCount(Math.min(total, (page + 1) * PAGE_SIZE))} of ${formatCount(total)}`}
        </span>
        <button type="button" className="icon-button" onClick={() => setPage((current) => Math.max(0, current - 1))} disabled={page === 0} aria-label="Previous page">
          <Icon name="chevron-left" />
        </button>
        <button type="button" className="icon-button" onClick={() => setPage((current) => Math.min(pages - 1, current + 1))} disabled={page >= pages - 1} aria-label="Next page">
          <Icon name="chevron-right" />
        </button>
      </div>
    </div>
  );
}
