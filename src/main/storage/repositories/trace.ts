import type { Db } from '../db';
import { blob, fromJson, toJson, type JsonValue } from './common';

/** One candidate of one patch in one iteration (INT.md sections 2 and 5). */
export interface CandidateTrace {
  /** 'whole', 'left', 'right', 'top', 'bottom', 'top-left' ... */
  readonly patch: string;
  readonly rawAnswer: string | null;
  readonly foregroundName: string | null;
  readonly backgroundName: string | null;
  /** The PNM memory key (normalised name). */
  readonly normalisedName: string | null;
  /** Box in image pixels, { x1, y1, x2, y2 }. */
  readonly box: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number } | null;
  readonly scoreBefore: number | null;
  readonly scoreAfter: number | null;
  readonly d: number | null;
  readonly dnorm: number | null;
  /** Why the candidate contributed nothing (no parsable name, zero-area box ...); null when it took part. */
  readonly droppedReason: string | null;
}

export interface IterationTrace {
  /** 1-based iteration number i. */
  readonly index: number;
  /** Au_i, the instance-specific prompt chosen in this iteration. */
  readonly chosenPrompt: string | null;
  /** Which fallback was used when the detector found nothing ('next-best', 'union-of-boxes'), or null. */
  readonly fallback: string | null;
  /** Milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
  /** M_i as an 8-bit grayscale PNG. */
  readonly softMaskPng: Uint8Array | null;
  /** The rest of the trace: detector boxes and scores, points, s_b per box mask, inpainted regions ... */
  readonly data: JsonValue;
  readonly candidates: readonly CandidateTrace[];
}

export interface StoredIteration extends Omit<IterationTrace, 'softMaskPng'> {
  readonly id: number;
  readonly runId: number;
  readonly imageId: number;
  readonly hasSoftMask: boolean;
}

interface IterationRow {
  id: number;
  run_id: number;
  image_id: number;
  iteration_index: number;
  chosen_prompt: string | null;
  fallback: string | null;
  timings_json: string;
  has_soft: number;
  data_json: string;
}

interface CandidateRow {
  iteration_id: number;
  patch: string;
  raw_answer: string | null;
  foreground_name: string | null;
  background_name: string | null;
  normalised_name: string | null;
  box_json: string | null;
  score_before: number | null;
  score_after: number | null;
  d: number | null;
  dnorm: number | null;
  dropped_reason: string | null;
}

/** The INT trace: iterations and their candidates. Written by the run engine, read by the trace view and the review queue. */
export class TraceRepository {
  private readonly db: Db;
  private readonly insertIteration;
  private readonly insertCandidate;
  private readonly selectIterations;
  private readonly selectCandidates;
  private readonly selectSoft;
  private readonly deleteImage;

  constructor(db: Db) {
    this.db = db;
    this.insertIteration = db.prepare<[number, number, number, string | null, string | null, string, Uint8Array | null, string], { id: number }>(
      `INSERT INTO iterations (run_id, image_id, iteration_index, chosen_prompt, fallback, timings_json, soft_mask_png, data_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.insertCandidate = db.prepare<
      [number, number, string, string | null, string | null, string | null, string | null, string | null, number | null, number | null, number | null, number | null, string | null]
    >(
      `INSERT INTO candidates (iteration_id, ordinal, patch, raw_answer, foreground_name, background_name, normalised_name, box_json,
         score_before, score_after, d, dnorm, dropped_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectIterations = db.prepare<[number, number], IterationRow>(
      `SELECT id, run_id, image_id, iteration_index, chosen_prompt, fallback, timings_json, soft_mask_png IS NOT NULL AS has_soft, data_json
       FROM iterations WHERE run_id = ? AND image_id = ? ORDER BY iteration_index`,
    );
    this.selectCandidates = db.prepare<[number, number], CandidateRow>(
      `SELECT c.* FROM candidates c JOIN iterations i ON i.id = c.iteration_id
       WHERE i.run_id = ? AND i.image_id = ? ORDER BY c.iteration_id, c.ordinal`,
    );
    this.selectSoft = db.prepare<[number], { soft_mask_png: Buffer | null }>('SELECT soft_mask_png FROM iterations WHERE id = ?');
    this.deleteImage = db.prepare<[number, number]>('DELETE FROM iterations WHERE run_id = ? AND image_id = ?');
  }

  /** Writes one iteration with its candidates in one transaction; returns the iteration id. */
  addIteration(runId: number, imageId: number, iteration: IterationTrace): number {
    return this.db.transaction(() => {
      const row = this.insertIteration.get(
        runId,
        imageId,
        iteration.index,
        iteration.chosenPrompt,
        iteration.fallback,
        toJson(iteration.timings, 'iteration timings'),
        iteration.softMaskPng,
        toJson(iteration.data, 'iteration data'),
      );
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      iteration.candidates.forEach((c, ordinal) =>
        this.insertCandidate.run(
          row.id,
          ordinal,
          c.patch,
          c.rawAnswer,
          c.foregroundName,
          c.backgroundName,
          c.normalisedName,
          c.box === null ? null : toJson(c.box, 'candidate box'),
          finiteOrNull(c.scoreBefore),
          finiteOrNull(c.scoreAfter),
          finiteOrNull(c.d),
          finiteOrNull(c.dnorm),
          c.droppedReason,
        ),
      );
      return row.id;
    })();
  }

  /** The image's trace in one run, iterations in order, each with its candidates. */
  ofImage(runId: number, imageId: number): StoredIteration[] {
    const byIteration = new Map<number, CandidateTrace[]>();
    for (const row of this.selectCandidates.all(runId, imageId)) {
      const list = byIteration.get(row.iteration_id) ?? [];
      list.push(toCandidate(row));
      byIteration.set(row.iteration_id, list);
    }
    return this.selectIterations.all(runId, imageId).map((row) => ({
      id: row.id,
      runId: row.run_id,
      imageId: row.image_id,
      index: row.iteration_index,
      chosenPrompt: row.chosen_prompt,
      fallback: row.fallback,
      timings: fromJson(row.timings_json) as Readonly<Record<string, number>>,
      hasSoftMask: row.has_soft === 1,
      data: fromJson(row.data_json),
      candidates: byIteration.get(row.id) ?? [],
    }));
  }

  softMaskPng(iterationId: number): Uint8Array | null {
    return blob(this.selectSoft.get(iterationId)?.soft_mask_png);
  }

  /** Removes a partial trace (an image interrupted mid-run) before the image runs again. */
  clearImage(runId: number, imageId: number): number {
    return this.deleteImage.run(runId, imageId).changes;
  }
}

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

function toCandidate(row: CandidateRow): CandidateTrace {
  return {
    patch: row.patch,
    rawAnswer: row.raw_answer,
    foregroundName: row.foreground_name,
    backgroundName: row.background_name,
    normalisedName: row.normalised_name,
    box: row.box_json === null ? null : (fromJson(row.box_json) as CandidateTrace['box']),
    scoreBefore: row.score_before,
    scoreAfter: row.score_after,
    d: row.d,
    dnorm: row.dnorm,
    droppedReason: row.dropped_reason,
  };
}
