/**
 * Between the three shapes of an INT iteration: the core trace (from the inference process), the stored
 * rows (iterations + candidates tables, with what has no column kept in data_json), and the view the
 * iteration explorer shows. Dropped patch answers are stored as candidate rows with their reason.
 */
import { z } from 'zod';
import type { CandidateTrace, IterationTrace, StoredIteration } from '../../storage/repositories/trace';
import { CandidateSource, type IterationView } from '../../../shared/dto/runs';
import type { JsonValue } from '../../storage/repositories/common';
import type { IterationJson } from './trace-schema';

/** What the stored iteration keeps in data_json besides the columns. */
const StoredData = z.object({
  proposalsReused: z.boolean(),
  rule: z.string(),
  ranking: z.array(z.string()),
  fallbackReason: z.string().nullable(),
  phrase: z.string(),
  backgroundNames: z.array(z.string()),
  vocabulary: z.array(z.string()),
  inpaints: z.array(z.unknown()),
  detections: z.array(z.object({ box: z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() }), score: z.number(), phrase: z.string() })),
  points: z.array(z.object({ x: z.number(), y: z.number(), label: z.union([z.literal(0), z.literal(1)]) })),
  boxMasks: z.array(
    z.object({ box: z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() }), source: z.string(), predictedIoU: z.number(), s: z.number().nullable(), weight: z.number() }),
  ),
  meanAbsChange: z.number().nullable(),
  errors: z.array(z.string()),
  /** Per participating candidate, in row order: what the candidates table has no column for. */
  candidateExtras: z.array(
    z.object({ index: z.number().int(), source: CandidateSource, drop: z.number().nullable(), pnmFactor: z.number().nullable(), region: z.unknown(), error: z.string().nullable() }),
  ),
});

export function toStoredIteration(iteration: IterationJson, softMaskPng: Uint8Array): IterationTrace {
  const participants: CandidateTrace[] = iteration.candidates.map((candidate) => ({
    patch: candidate.patch.name,
    rawAnswer: candidate.raw,
    foregroundName: candidate.rawName,
    backgroundName: candidate.background,
    normalisedName: candidate.name,
    box: candidate.box,
    scoreBefore: candidate.scoreBefore,
    scoreAfter: candidate.scoreAfter,
    d: candidate.d,
    dnorm: candidate.dnorm,
    droppedReason: null,
  }));
  const dropped: CandidateTrace[] = iteration.dropped.map((answer) => ({
    patch: answer.patch.name,
    rawAnswer: answer.raw,
    foregroundName: null,
    backgroundName: null,
    normalisedName: null,
    box: null,
    scoreBefore: null,
    scoreAfter: null,
    d: null,
    dnorm: null,
    droppedReason: answer.reason,
  }));
  const data: z.infer<typeof StoredData> = {
    proposalsReused: iteration.proposalsReused,
    rule: iteration.selection.rule,
    ranking: iteration.selection.ranking,
    fallbackReason: iteration.fallbackReason,
    phrase: iteration.phrase,
    backgroundNames: iteration.backgroundNames,
    vocabulary: iteration.vocabulary,
    inpaints: iteration.inpaints,
    detections: iteration.detections,
    points: iteration.points,
    boxMasks: iteration.boxMasks,
    meanAbsChange: iteration.meanAbsChange,
    errors: iteration.errors,
    candidateExtras: iteration.candidates.map((candidate) => ({
      index: candidate.index,
      source: candidate.source,
      drop: candidate.drop,
      pnmFactor: candidate.pnmFactor,
      region: candidate.region,
      error: candidate.error,
    })),
  };
  return {
    index: iteration.iteration,
    chosenPrompt: iteration.selection.name,
    fallback: iteration.fallback === 'none' ? null : iteration.fallback,
    timings: iteration.timingsMs,
    softMaskPng,
    data: data as JsonValue,
    candidates: [...participants, ...dropped],
  };
}

export function toIterationView(stored: StoredIteration): IterationView {
  const parsed = StoredData.safeParse(stored.data);
  if (!parsed.success) throw new Error(`stored iteration ${stored.id} has an unreadable trace: ${parsed.error.issues[0]?.message ?? ''}`);
  const data = parsed.data;
  const participants = stored.candidates.filter((candidate) => candidate.droppedReason === null);
  return {
    id: stored.id,
    index: stored.index,
    chosenPrompt: stored.chosenPrompt,
    rule: data.rule,
    ranking: data.ranking,
    fallback: stored.fallback ?? 'none',
    fallbackReason: data.fallbackReason,
    phrase: data.phrase,
    backgroundNames: data.backgroundNames,
    vocabulary: data.vocabulary,
    candidates: participants.map((candidate, order) => {
      const extra = data.candidateExtras[order];
      return {
        index: extra?.index ?? order,
        source: extra?.source ?? 'proposer',
        patch: candidate.patch,
        raw: candidate.rawAnswer,
        rawName: candidate.foregroundName ?? '',
        name: candidate.normalisedName ?? '',
        background: candidate.backgroundName,
        box: candidate.box === null ? null : { ...candidate.box },
        scoreBefore: candidate.scoreBefore,
        scoreAfter: candidate.scoreAfter,
        drop: extra?.drop ?? null,
        pnmFactor: extra?.pnmFactor ?? null,
        d: candidate.d,
        dnorm: candidate.dnorm,
        error: extra?.error ?? null,
      };
    }),
    dropped: stored.candidates
      .filter((candidate) => candidate.droppedReason !== null)
      .map((candidate) => ({ patch: candidate.patch, raw: candidate.rawAnswer, reason: candidate.droppedReason ?? '' })),
    detections: data.detections,
    points: data.points,
    boxMasks: data.boxMasks,
    meanAbsChange: data.meanAbsChange,
    errors: data.errors,
    timingsMs: { ...stored.timings },
  };
}
