/**
 * Migration 3: ground truth for evaluation, and stored evaluations.
 *
 * - ground_truth (+ ground_truth_masks): reference masks imported with `--as ground-truth`, kept apart from the
 *   annotation versions so an evaluation never mistakes a model's proposal (or a person's edit) for the truth.
 *   An image's ground truth is the union of its masks (none: an image with nothing to find); importing it
 *   again replaces them (audited).
 * - evaluations: one record per evaluated prediction source (current annotations or one run), GT source and
 *   protocol; evaluating the same triple again replaces the record. Dataset metrics and the curves the UI
 *   plots (precision, recall, F-measure, E-measure over the 256 thresholds) are stored as JSON so the
 *   evaluation view never recomputes them.
 * - evaluation_images: per-image metrics as real columns, so the UI sorts and pages them in SQL.
 */
export const sql = `
CREATE TABLE ground_truth (
  image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
  -- the file it was imported from, for the record
  source_file TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

-- no rows for an image with ground truth means "nothing to find in this image"
CREATE TABLE ground_truth_masks (
  image_id INTEGER NOT NULL REFERENCES ground_truth(image_id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
  label TEXT NOT NULL,
  rle_counts TEXT NOT NULL,
  height INTEGER NOT NULL CHECK (height > 0),
  width INTEGER NOT NULL CHECK (width > 0),
  area INTEGER NOT NULL CHECK (area >= 0 AND area <= width * height),
  PRIMARY KEY (image_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  -- 'annotations' (the current annotation of every image) or 'run' (one run's masks)
  prediction_source TEXT NOT NULL CHECK (prediction_source IN ('annotations', 'run')),
  run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  -- what the prediction was, in words, kept after the run is deleted: 'run 3 (pack tiny-int)'
  prediction_label TEXT NOT NULL,
  model_pack_id TEXT,
  model_pack_name TEXT,
  -- 'stored' (ground_truth_masks) or 'folder' (gt_folder, paired by file basename)
  gt_source TEXT NOT NULL CHECK (gt_source IN ('stored', 'folder')),
  gt_folder TEXT,
  protocol TEXT NOT NULL CHECK (protocol IN ('native', 'paper')),
  -- how many predictions were soft masks (the rest were binary)
  soft_predictions INTEGER NOT NULL DEFAULT 0 CHECK (soft_predictions >= 0),
  image_count INTEGER NOT NULL CHECK (image_count >= 0),
  metrics_json TEXT NOT NULL CHECK (json_valid(metrics_json)),
  curves_json TEXT CHECK (curves_json IS NULL OR json_valid(curves_json)),
  problems_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems_json)),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (prediction_source = 'run' OR run_id IS NULL),
  CHECK ((gt_source = 'folder') = (gt_folder IS NOT NULL))
);
CREATE INDEX evaluations_project ON evaluations (project_id, id);

CREATE TABLE evaluation_images (
  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  soft INTEGER NOT NULL CHECK (soft IN (0, 1)),
  mae REAL NOT NULL,
  s_measure REAL NOT NULL,
  weighted_f REAL NOT NULL,
  adaptive_e REAL NOT NULL,
  mean_e REAL NOT NULL,
  max_e REAL NOT NULL,
  adaptive_f REAL NOT NULL,
  mean_f REAL NOT NULL,
  max_f REAL NOT NULL,
  mean_dice REAL NOT NULL,
  mean_iou REAL NOT NULL,
  binary_dice REAL NOT NULL,
  binary_iou REAL NOT NULL,
  PRIMARY KEY (evaluation_id, image_id)
) WITHOUT ROWID;
CREATE INDEX evaluation_images_image ON evaluation_images (image_id);
`;
