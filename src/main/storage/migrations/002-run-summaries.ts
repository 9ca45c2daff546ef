/**
 * Per-image run summaries and the pack load report of a run.
 * - run_images.summary_json: the final record of INT.md section 5 for one image (i*, model ids and
 *   versions, every hyperparameter, distances to the mean mask, uncertainty components, timings);
 * - runs.pack_report_json: which device every model really ran on, and any CPU fallback (never silent).
 */
export const sql = `
ALTER TABLE run_images ADD COLUMN summary_json TEXT CHECK (summary_json IS NULL OR json_valid(summary_json));
ALTER TABLE runs ADD COLUMN pack_report_json TEXT CHECK (pack_report_json IS NULL OR json_valid(pack_report_json));
`;
