/**
 * One row per stored evaluation (a run or the current annotations, against a GT source, under a protocol)
 * with the paper's four columns M / Fw / Emean / S and more, then the published rows of INT, ProMaC and GenSAM
 * on the dataset the user compares with. The published numbers use the paper protocol: under the native
 * protocol a row is shown without comparison.
 */
import type { ReactElement } from 'react';
import type { EvaluationSummary } from '../../../../shared/dto/evaluation';
import type { PaperDataset } from '../../../../shared/paper-results';
import { formatRelativeTime, formatCount } from '../../ui/format';
import { compareWithPaper, describeGroundTruth, describeSource, formatMetric, MORE_COLUMNS, PAPER_COLUMNS } from './evalView';

function ProtocolPill({ protocol }: { readonly protocol: EvaluationSummary['protocol'] }): ReactElement {
  return <span className={`pill ${protocol === 'paper' ? 'pill-accent' : 'pill-plain-eval'}`}>{protocol}</span>;
}

export function EvaluationTable({
  evaluations,
  selectedId,
  onSelect,
  paper,
}: {
  readonly evaluations: readonly EvaluationSummary[];
  readonly selectedId: number | null;
  readonly onSelect: (evaluationId: number) => void;
  readonly paper: PaperDataset | null;
}): ReactElement {
  const int = paper?.methods.find((method) => method.method === 'INT')?.scores ?? null;
  const columnCount = 4 + PAPER_COLUMNS.length + MORE_COLUMNS.length;
  return (
    <div className="eval-table-frame">
      <table className="eval-table" data-testid="evaluation-table">
        <thead>
          <tr>
            <th scope="col" className="eval-col-source">
              Prediction
            </th>
            <th scope="col">Ground truth</th>
            <th scope="col">Protocol</th>
            <th scope="col" className="num">
              Images
            </th>
            {PAPER_COLUMNS.map((column) => (
              <th key={column.key} scope="col" className="num eval-col-paper" title={column.title}>
                {column.label}
                <span className="eval-arrow">{column.key === 'MAE' ? '↓' : '↑'}</span>
              </th>
            ))}
            {MORE_COLUMNS.map((column) => (
              <th key={column.key} scope="col" className="num eval-col-more" title={column.title}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {evaluations.map((evaluation) => {
            const selected = evaluation.id === selectedId;
            const reference = evaluation.protocol === 'paper' ? int : null;
            return (
              <tr
                key={evaluation.id}
                className={selected ? 'is-selected' : undefined}
                onClick={() => onSelect(evaluation.id)}
                aria-selected={selected}
                data-testid="evaluation-row"
                data-evaluation-id={evaluation.id}
              >
                <th scope="row" className="eval-col-source">
                  <button type="button" className="eval-row-button" onClick={() => onSelect(evaluation.id)}>
                    {describeSource(evaluation)}
                  </button>
                  <span className="eval-row-meta">
                    {formatRelativeTime(evaluation.createdAt)} · {evaluation.createdBy}
                    {evaluation.softPredictions > 0 ? ` · ${formatCount(evaluation.softPredictions)} soft` : ''}
                    {evaluation.problemCount > 0 ? ` · ${formatCount(evaluation.problemCount)} skipped/notes` : ''}
                  </span>
                </th>
                <td className="eval-gt" title={describeGroundTruth(evaluation)}>
                  {describeGroundTruth(evaluation)}
                </td>
                <td>
                  <ProtocolPill protocol={evaluation.protocol} />
                </td>
                <td className="num">{formatCount(evaluation.metrics.n)}</td>
                {PAPER_COLUMNS.map((column) => {
                  const value = evaluation.metrics[column.key];
                  const verdict = reference === null ? null : compareWithPaper(column.key, value, reference[column.key]);
                  return (
                    <td
                      key={column.key}
                      className={`num eval-col-paper${verdict === null ? '' : ` is-${verdict}`}`}
                      title={reference === null ? undefined : `INT on ${paper?.name ?? ''}: ${formatMetric(reference[column.key])}`}
                    >
                      {formatMetric(value)}
                    </td>
                  );
                })}
                {MORE_COLUMNS.map((column) => (
                  <td key={column.key} className="num eval-col-more">
                    {formatMetric(evaluation.metrics[column.key])}
                  </td>
                ))}
              </tr>
            );
          })}
          {paper === null ? null : (
            <>
              <tr className="eval-paper-divider">
                <td colSpan={columnCount}>
                  Published, paper protocol, {paper.name} ({paper.task}); not computed here
                </td>
              </tr>
              {paper.methods.map((method) => (
                <tr key={method.method} className="eval-paper-row" data-testid="paper-row">
                  <th scope="row" className="eval-col-source">
                    {method.method}
                    <span className="eval-row-meta">{method.method === 'INT' ? 'IJCAI 2025, LLaVA-1.5-13B + SAM ViT-H' : 'baseline in the INT paper'}</span>
                  </th>
                  <td className="eval-gt">{paper.name}</td>
                  <td>
                    <ProtocolPill protocol="paper" />
                  </td>
                  <td className="num">–</td>
                  {PAPER_COLUMNS.map((column) => (
                    <td key={column.key} className="num eval-col-paper">
                      {formatMetric(method.scores[column.key])}
                    </td>
                  ))}
                  {MORE_COLUMNS.map((column) => (
                    <td key={column.key} className="num eval-col-more">
                      –
                    </td>
                  ))}
                </tr>
              ))}
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}
