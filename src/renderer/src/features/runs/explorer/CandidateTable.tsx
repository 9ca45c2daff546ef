/**
 * The candidates of one iteration as a sortable table: patch, name (as proposed and normalised, with
 * the background name), Score before -> after, D, Dnorm and the PNM factor. The candidate with the
 * largest D (the chosen prompt's) is marked; port errors show on the row. Clicking a row shows its box
 * and patch on the canvas and its raw proposer answer below the row.
 */
import type { ReactElement } from 'react';
import type { IterationView } from '../../../../../shared/dto/runs';
import { Icon } from '../../../ui/icons';
import { formatD, formatDrop, formatFactor, formatProbability, formatShare } from '../runFormat';
import { nextSort, sortCandidates, type CandidateSort, type CandidateSortKey } from './candidateSort';
import { nameColor } from './traceGeometry';

interface Column {
  readonly key: CandidateSortKey;
  readonly title: string;
  readonly hint: string;
  readonly numeric: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'patch', title: 'Patch', hint: 'The patch the proposer looked at', numeric: false },
  { key: 'name', title: 'Name', hint: 'Normalised name (the PNM key), the spelling proposed if different, and the background name', numeric: false },
  { key: 'before', title: 'Score', hint: 'Confidence in the name with the patch intact → with the region removed (inpainted)', numeric: true },
  { key: 'd', title: 'D', hint: 'D = max(drop, ε) × PNM factor: how much the name depends on the region', numeric: true },
  { key: 'dnorm', title: 'Dnorm', hint: 'D / sum of D in this iteration', numeric: true },
  { key: 'pnm', title: 'PNM', hint: "Dnorm of the name in the previous iteration, multiplied into D (progressive negative mining)", numeric: true },
];

function SortHeader({ column, sort, onSort }: { readonly column: Column; readonly sort: CandidateSort; readonly onSort: (sort: CandidateSort) => void }): ReactElement {
  const active = sort.key === column.key;
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'} className={column.numeric ? 'numeric' : undefined}>
      <button type="button" className={`sort-button${active ? ' is-active' : ''}`} onClick={() => onSort(nextSort(sort, column.key))} title={column.hint} data-testid={`candidate-sort-${column.key}`}>
        {column.title}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

export interface CandidateTableProps {
  readonly iteration: IterationView;
  readonly sort: CandidateSort;
  readonly onSort: (sort: CandidateSort) => void;
  readonly selected: number | null;
  readonly onSelect: (index: number | null) => void;
}

export function CandidateTable({ iteration, sort, onSort, selected, onSelect }: CandidateTableProps): ReactElement {
  const rows = sortCandidates(iteration.candidates, sort);
  const winner = [...iteration.candidates].filter((candidate) => candidate.name === iteration.chosenPrompt && candidate.d !== null).sort((a, b) => (b.d ?? 0) - (a.d ?? 0))[0] ?? iteration.candidates.find((candidate) => candidate.name === iteration.chosenPrompt);
  const maxShare = Math.max(1e-12, ...iteration.candidates.map((candidate) => candidate.dnorm ?? 0));
  // Iteration 1 (and runs without PNM) have no factor: the column would be all dashes.
  const showPnm = iteration.candidates.some((candidate) => candidate.pnmFactor !== null);
  const columns = showPnm ? COLUMNS : COLUMNS.filter((column) => column.key !== 'pnm');
  return (
    <table className="trace-table candidate-table" data-testid="candidate-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <SortHeader key={column.key} column={column} sort={sort} onSort={onSort} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((candidate) => {
          const isWinner = candidate === winner;
          const isSelected = candidate.index === selected;
          return [
            <tr
              key={candidate.index}
              className={`${isWinner ? 'is-winner' : ''}${isSelected ? ' is-selected' : ''}${candidate.error === null ? '' : ' has-error'}`}
              onClick={() => onSelect(isSelected ? null : candidate.index)}
              data-testid="candidate-row"
              data-name={candidate.name}
              data-d={candidate.d ?? ''}
              data-chosen={isWinner}
              aria-selected={isSelected}
            >
              <td className="candidate-patch">
                {candidate.source === 'task-prompt' ? (
                  <span className="pill pill-plain">prompt</span>
                ) : candidate.source === 'memory' ? (
                  <span title="Carried by PNM: an earlier iteration proposed this name here, and this iteration's answers did not repeat it">
                    {candidate.patch} <span className="pill pill-plain">carried</span>
                  </span>
                ) : (
                  candidate.patch
                )}
              </td>
              <td className="candidate-name">
                <span className="candidate-name-main">
                  <span className="chip-swatch" style={{ background: nameColor(candidate.name, iteration.ranking) }} />
                  <span className="candidate-name-text">{candidate.name}</span>
                  {isWinner ? (
                    <span className="chosen-mark" title="The largest D: this candidate's name is the chosen prompt" data-testid="candidate-chosen">
                      <Icon name="check" size={12} />
                    </span>
                  ) : null}
                </span>
                <span className="candidate-name-sub">
                  {candidate.rawName !== '' && candidate.rawName !== candidate.name ? <span title="As proposed">“{candidate.rawName}” · </span> : null}
                  {candidate.background === null ? null : <span title="Background name">on {candidate.background}</span>}
                </span>
              </td>
              <td className="numeric candidate-score" title={`drop ${formatDrop(candidate.drop)}`}>
                {formatProbability(candidate.scoreBefore)}
                <span className="arrow">→</span>
                {formatProbability(candidate.scoreAfter)}
              </td>
              <td className="numeric mono" data-testid="candidate-d" title={candidate.d === null ? undefined : `D = ${candidate.d}`}>
                {formatD(candidate.d)}
              </td>
              <td className="numeric">
                <span className="share-cell">
                  <span className="share-bar" style={{ width: `${Math.max(1, ((candidate.dnorm ?? 0) / maxShare) * 100)}%` }} />
                  <span className="share-text">{formatShare(candidate.dnorm)}</span>
                </span>
              </td>
              {showPnm ? <td className="numeric mono">{formatFactor(candidate.pnmFactor)}</td> : null}
            </tr>,
            isSelected || candidate.error !== null ? (
              <tr key={`${candidate.index}-detail`} className="candidate-detail">
                <td colSpan={columns.length}>
                  {candidate.error === null ? null : <p className="text-danger">Scoring failed: {candidate.error} (D set to ε)</p>}
                  {isSelected ? (
                    <dl className="candidate-facts">
                      <dt>Answer</dt>
                      <dd className="mono">{candidate.raw ?? `the task prompt, added to every iteration's candidates`}</dd>
                      <dt>Box</dt>
                      <dd className="mono">{candidate.box === null ? 'none' : `${Math.round(candidate.box.x1)}, ${Math.round(candidate.box.y1)} → ${Math.round(candidate.box.x2)}, ${Math.round(candidate.box.y2)}`}</dd>
                      <dt>Drop</dt>
                      <dd className="mono">
                        {formatDrop(candidate.drop)}
                        {candidate.drop !== null && candidate.drop <= 0 ? ' (no drop: floored to ε)' : ''}
                      </dd>
                    </dl>
                  ) : null}
                </td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
