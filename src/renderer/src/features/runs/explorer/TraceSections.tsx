/**
 * The parts of the explorer panel that show one iteration: the explanation, the chosen prompt with its
 * ranking and fallback, the names (mined or rejected), dropped answers, how the mask was made (detector
 * boxes, points, box masks with s_b and fusion weights), and across iterations the distance of each
 * mask to the mean (what picks i*).
 */
import type { ReactElement } from 'react';
import type { ImageTrace, IterationView } from '../../../../../shared/dto/runs';
import { formatD, formatFactor, formatProbability, formatShare } from '../runFormat';
import { UncertaintyMeter } from '../UncertaintyMeter';
import type { ExplanationLine } from './explain';
import { summariseNames, type NameVerdict } from './nameSummary';
import { nameColor } from './traceGeometry';

export function Explanation({ lines }: { readonly lines: readonly ExplanationLine[] }): ReactElement {
  return (
    <ul className="explanation" data-testid="trace-explanation">
      {lines.map((line, index) => (
        <li key={`${line.topic}-${index}`} className={`explanation-line tone-${line.tone}`} data-topic={line.topic}>
          {line.segments.map((segment, part) =>
            typeof segment === 'string' ? (
              <span key={part}>{segment}</span>
            ) : segment.kind === 'name' ? (
              <strong key={part} className="explanation-name">
                {segment.text}
              </strong>
            ) : (
              <span key={part} className="explanation-value mono">
                {segment.text}
              </span>
            ),
          )}
        </li>
      ))}
    </ul>
  );
}

export function PromptSummary({ iteration }: { readonly iteration: IterationView }): ReactElement {
  return (
    <div className="prompt-summary">
      <div className="prompt-chosen">
        <span className="prompt-chosen-label">
          Au<sub>{iteration.index}</sub>
        </span>
        <span className="prompt-chosen-name" data-testid="chosen-prompt">
          {iteration.chosenPrompt ?? '—'}
        </span>
        <span className="pill pill-plain" title={iteration.rule === 'argmax-d' ? 'The candidate with the largest D' : 'PSNM is off: the first candidate'}>
          {iteration.rule === 'argmax-d' ? 'argmax D' : 'first candidate'}
        </span>
      </div>
      {iteration.ranking.length > 1 ? (
        <ol className="prompt-ranking" aria-label="Ranking (the order of fallbacks)" data-testid="prompt-ranking">
          {iteration.ranking.map((name) => (
            <li key={name} className={name === iteration.phrase ? 'is-phrase' : undefined}>
              <span className="chip-swatch" style={{ background: nameColor(name, iteration.ranking) }} />
              {name}
            </li>
          ))}
        </ol>
      ) : null}
      {iteration.fallback === 'none' ? null : (
        <p className="prompt-fallback" data-testid="prompt-fallback">
          <strong>Fallback: {iteration.fallback === 'next-best' ? 'next-best name' : iteration.fallback === 'union-of-boxes' ? 'union of candidate boxes' : iteration.fallback}.</strong> {iteration.fallbackReason ?? ''} Mask made
          for “{iteration.phrase}”.
        </p>
      )}
      {iteration.backgroundNames.length === 0 ? null : (
        <p className="prompt-background">
          Background (negative) names: <span className="muted">{iteration.backgroundNames.join(', ')}</span>
        </p>
      )}
    </div>
  );
}

const VERDICT_TEXT: Record<NameVerdict, string> = { chosen: 'chosen', 'used-after-fallback': 'used (fallback)', rejected: 'rejected' };

export function NameList({ iteration }: { readonly iteration: IterationView }): ReactElement {
  const names = summariseNames(iteration);
  const maxShare = Math.max(1e-12, ...names.map((entry) => entry.share ?? 0));
  return (
    <ul className="name-list" data-testid="name-list">
      {names.map((entry) => (
        <li key={entry.name} className={`name-row verdict-${entry.verdict}`} data-testid="name-row" data-name={entry.name} data-verdict={entry.verdict}>
          <span className="name-row-head">
            <span className="chip-swatch" style={{ background: nameColor(entry.name, iteration.ranking) }} />
            <span className="name-row-name">{entry.name}</span>
            {entry.rawNames.length === 0 ? null : <span className="muted name-row-raw">as {entry.rawNames.map((raw) => `“${raw}”`).join(', ')}</span>}
            <span className={`pill ${entry.verdict === 'rejected' ? 'pill-plain' : entry.verdict === 'chosen' ? 'pill-success' : 'pill-warning'}`}>{VERDICT_TEXT[entry.verdict]}</span>
          </span>
          <span className="name-row-bar" title={entry.share === null ? 'No D (PSNM off)' : `${formatShare(entry.share)} of all D`}>
            <span className="share-bar" style={{ width: `${Math.max(1, ((entry.share ?? 0) / maxShare) * 100)}%`, background: nameColor(entry.name, iteration.ranking) }} />
          </span>
          <span className="name-row-facts">
            <span className="mono">{formatShare(entry.share)}</span>
            <span>
              {entry.patches.length === 1 ? entry.patches[0] : `${entry.patches.length} candidates`}
              {entry.fromTaskPrompt && entry.patches.length > 1 ? ' incl. the prompt' : ''}
            </span>
            <span className="muted">best D {formatD(entry.bestD)}</span>
            {entry.pnmFactor === null ? null : <span className="muted">PNM {formatFactor(entry.pnmFactor)}</span>}
            {entry.errors === 0 ? null : <span className="text-danger">{entry.errors} failed</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function DroppedAnswers({ iteration }: { readonly iteration: IterationView }): ReactElement | null {
  if (iteration.dropped.length === 0) return null;
  return (
    <ul className="dropped-list" data-testid="dropped-answers">
      {iteration.dropped.map((answer, index) => (
        <li key={`${answer.patch}-${index}`} data-testid="dropped-answer">
          <span className="dropped-head">
            <span className="pill pill-plain">{answer.patch}</span>
            <span className="text-warning">{answer.reason}</span>
          </span>
          {answer.raw === null ? null : <span className="dropped-raw mono">{answer.raw}</span>}
        </li>
      ))}
    </ul>
  );
}

export function MaskGeneration({ iteration }: { readonly iteration: IterationView }): ReactElement {
  const positives = iteration.points.filter((point) => point.label === 1).length;
  const negatives = iteration.points.length - positives;
  const maxWeight = Math.max(1e-12, ...iteration.boxMasks.map((mask) => mask.weight));
  const otherPhrases = iteration.detections.filter((detection) => detection.phrase !== iteration.phrase);
  return (
    <div className="mask-generation">
      <p className="mask-generation-summary">
        Phrase <strong>“{iteration.phrase}”</strong> · {iteration.detections.length === 0 ? 'no detector box' : `${iteration.detections.length} detector box${iteration.detections.length === 1 ? '' : 'es'}`} ·{' '}
        <span className="point-count positive">{positives} positive</span> · <span className="point-count negative">{negatives} negative</span> points
        {otherPhrases.length > 0 ? <span className="muted"> · {otherPhrases.length} boxes for other phrases tried first</span> : null}
      </p>
      {iteration.boxMasks.length === 0 ? (
        <p className="muted">No box was segmented in this iteration.</p>
      ) : (
        <table className="trace-table box-table" data-testid="box-mask-table">
          <thead>
            <tr>
              <th scope="col">Box</th>
              <th scope="col" className="numeric" title="The detector's confidence in the box">
                Det.
              </th>
              <th scope="col" className="numeric" title="The segmenter's predicted IoU of its best mask">
                IoU
              </th>
              <th scope="col" className="numeric" title="CLIP similarity of the masked image with the phrase">
                s<sub>b</sub>
              </th>
              <th scope="col" className="numeric" title="Normalised weight of the box mask in the fused M_i (softmax, min-max, sum)">
                Weight
              </th>
            </tr>
          </thead>
          <tbody>
            {iteration.boxMasks.map((mask, index) => {
              const detection = iteration.detections.find((candidate) => candidate.box.x1 === mask.box.x1 && candidate.box.y1 === mask.box.y1 && candidate.box.x2 === mask.box.x2 && candidate.box.y2 === mask.box.y2);
              return (
                <tr key={index} className={mask.weight === 0 ? 'is-faint' : undefined}>
                  <td className="mono">
                    {mask.source === 'detector' ? '' : <span className="pill pill-warning">{mask.source === 'union-of-boxes' ? 'union' : 'VLM box'}</span>} {Math.round(mask.box.x1)},{Math.round(mask.box.y1)} → {Math.round(mask.box.x2)},{Math.round(mask.box.y2)}
                  </td>
                  <td className="numeric mono">{detection === undefined ? '—' : detection.score.toFixed(2)}</td>
                  <td className="numeric mono">{mask.predictedIoU.toFixed(2)}</td>
                  <td className="numeric mono">{mask.s === null ? '—' : formatD(mask.s)}</td>
                  <td className="numeric">
                    <span className="share-cell">
                      <span className="share-bar" style={{ width: `${Math.max(1, (mask.weight / maxWeight) * 100)}%` }} />
                      <span className="share-text">{mask.weight.toFixed(2)}</span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function UncertaintySummary({ trace }: { readonly trace: ImageTrace }): ReactElement | null {
  const u = trace.uncertainty;
  if (u === null) return null;
  const parts: { readonly name: string; readonly value: number | null; readonly hint: string }[] = [
    { name: 'Spread', value: u.spread, hint: 'How much the iterations disagree (RMS of M_i around their mean, ×2)' },
    { name: '1 − margin', value: u.margin === null ? null : 1 - u.margin, hint: 'How close the second-best name came to the chosen one (Dnorm share, in i*)' },
    { name: 'Softness', value: u.softness, hint: 'Share of the final mask that is undecided (0.25 < M < 0.75)' },
  ];
  return (
    <div className="uncertainty-summary" data-testid="uncertainty-summary" data-score={u.score}>
      <div className="uncertainty-score">
        <span>Uncertainty</span>
        <UncertaintyMeter value={u.score} />
      </div>
      <ul className="uncertainty-parts">
        {parts.map((part) => (
          <li key={part.name} title={part.hint}>
            <span>{part.name}</span>
            {part.value === null ? <span className="muted">— (PSNM off)</span> : <UncertaintyMeter value={part.value} label={`${part.name} ${formatProbability(part.value)}: ${part.hint}`} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Distance of every iteration's mask to the mean mask: the smallest is i*. */
export function ConsistencyChart({
  trace,
  distances,
  selected,
  onSelect,
}: {
  readonly trace: ImageTrace;
  readonly distances: readonly number[] | null;
  readonly selected: number | null;
  readonly onSelect: (index: number) => void;
}): ReactElement | null {
  if (trace.iterations.length < 2) return null;
  const max = Math.max(1e-12, ...(distances ?? [0]));
  return (
    <div className="consistency">
      <ul className="consistency-bars" aria-label="Distance of each iteration's mask to the mean mask">
        {trace.iterations.map((iteration, position) => {
          const distance = distances?.[position] ?? null;
          const final = iteration.index === trace.finalIteration;
          return (
            <li key={iteration.id}>
              <button type="button" className={`consistency-bar${final ? ' is-final' : ''}${iteration.index === selected ? ' is-selected' : ''}`} onClick={() => onSelect(iteration.index)} title={distance === null ? 'not in this trace' : `RMS distance to the mean mask ${distance.toFixed(4)}${final ? ' (smallest: i*)' : ''}`}>
                <span className="consistency-fill" style={{ height: `${distance === null ? 0 : Math.max(3, (distance / max) * 100)}%` }} />
                <span className="consistency-label">{iteration.index}</span>
              </button>
              <span className="consistency-value mono">{distance === null ? '…' : distance.toFixed(3)}</span>
              <span className="consistency-change mono" title="Mean |M_i − M_(i−1)|">
                {iteration.meanAbsChange === null ? '' : `Δ${iteration.meanAbsChange.toFixed(3)}`}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="field-hint">Bars: RMS distance of each M<sub>i</sub> to the mean of all (from the run's trace). INT keeps the closest, i* = {trace.finalIteration ?? '—'}.</p>
    </div>
  );
}
