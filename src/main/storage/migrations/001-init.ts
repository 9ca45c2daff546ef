/**
 * Migration 1: the whole first schema. Never edit a released migration; add the next one instead.
 *
 * Conventions:
 * - ids are INTEGER PRIMARY KEY (rowids), except model packs, whose id comes from their manifest;
 * - times are ISO 8601 UTC text with milliseconds ('2025-01-31T12:00:00.000Z'), so they sort as text;
 * - JSON columns end in `_json` and are checked with json_valid;
 * - blobs: thumbnails are WebP, soft masks are 8-bit grayscale PNG;
 * - the audit log has no foreign keys on purpose: it outlives what it describes.
 */
export const sql = `
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  task_prompt TEXT NOT NULL DEFAULT '',
  labels_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(labels_json) AND json_type(labels_json) = 'array'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE images (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  path TEXT NOT NULL CHECK (length(path) > 0),
  file_name TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'tiff', 'webp', 'bmp')),
  content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  byte_size INTEGER NOT NULL CHECK (byte_size > 0),
  mtime_ms INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'queued', 'proposed', 'in_review', 'approved', 'rejected', 'missing', 'changed', 'error')),
  -- the workflow status to restore when a missing or changed file is found intact again
  previous_status TEXT
    CHECK (previous_status IS NULL OR previous_status IN ('new', 'queued', 'proposed', 'in_review', 'approved', 'rejected', 'error')),
  error TEXT,
  thumbnail BLOB,
  added_at TEXT NOT NULL,
  UNIQUE (project_id, content_hash),
  UNIQUE (project_id, path)
);
CREATE INDEX images_project_status ON images (project_id, status, id);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (length(kind) > 0),
  config_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config_json)),
  -- recorded, not referenced: a run keeps naming its pack after the pack is removed
  model_pack_id TEXT,
  model_pack_name TEXT,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'paused', 'cancelled', 'failed', 'done')),
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  error TEXT,
  image_count INTEGER NOT NULL DEFAULT 0 CHECK (image_count >= 0),
  done_count INTEGER NOT NULL DEFAULT 0 CHECK (done_count >= 0),
  failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0)
);
CREATE INDEX runs_project ON runs (project_id, id);

CREATE TABLE run_images (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  -- processing order within the run
  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed', 'skipped')),
  error TEXT,
  uncertainty REAL,
  -- i*: the iteration whose mask is the output (INT.md section 2)
  final_iteration INTEGER CHECK (final_iteration IS NULL OR final_iteration >= 1),
  started_at TEXT,
  finished_at TEXT,
  PRIMARY KEY (run_id, image_id)
) WITHOUT ROWID;
CREATE INDEX run_images_image ON run_images (image_id);
CREATE INDEX run_images_status ON run_images (run_id, status, ordinal);

CREATE TABLE iterations (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  iteration_index INTEGER NOT NULL CHECK (iteration_index >= 1),
  chosen_prompt TEXT,
  fallback TEXT,
  timings_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(timings_json)),
  soft_mask_png BLOB,
  -- the rest of the trace: detector boxes, points, s_b per box mask ...
  data_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data_json)),
  UNIQUE (run_id, image_id, iteration_index)
);
CREATE INDEX iterations_image ON iterations (image_id);

CREATE TABLE candidates (
  id INTEGER PRIMARY KEY,
  iteration_id INTEGER NOT NULL REFERENCES iterations(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
  patch TEXT NOT NULL,
  raw_answer TEXT,
  foreground_name TEXT,
  background_name TEXT,
  normalised_name TEXT,
  box_json TEXT CHECK (box_json IS NULL OR json_valid(box_json)),
  score_before REAL,
  score_after REAL,
  d REAL,
  dnorm REAL,
  dropped_reason TEXT,
  UNIQUE (iteration_id, ordinal)
);

CREATE TABLE masks (
  id INTEGER PRIMARY KEY,
  image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('run', 'human', 'import')),
  rle_counts TEXT NOT NULL,
  height INTEGER NOT NULL CHECK (height > 0),
  width INTEGER NOT NULL CHECK (width > 0),
  area INTEGER NOT NULL CHECK (area >= 0 AND area <= width * height),
  -- COCO bbox [x, y, width, height]
  bbox_x REAL NOT NULL,
  bbox_y REAL NOT NULL,
  bbox_w REAL NOT NULL CHECK (bbox_w >= 0),
  bbox_h REAL NOT NULL CHECK (bbox_h >= 0),
  soft_mask_png BLOB,
  run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  CHECK (run_id IS NULL OR source = 'run')
);
CREATE INDEX masks_image ON masks (image_id);
CREATE INDEX masks_run ON masks (run_id);

CREATE TABLE annotation_versions (
  id INTEGER PRIMARY KEY,
  image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  parent_version_id INTEGER REFERENCES annotation_versions(id),
  author TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('run', 'human', 'import')),
  run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  note TEXT,
  -- the editor's undo history (mask patches), so undo survives a restart
  undo_patches BLOB,
  created_at TEXT NOT NULL,
  UNIQUE (image_id, version)
);
CREATE INDEX annotation_versions_parent ON annotation_versions (parent_version_id);
CREATE INDEX annotation_versions_run ON annotation_versions (run_id);

-- the instances of a version; masks are immutable, so versions share them freely
CREATE TABLE annotation_version_masks (
  version_id INTEGER NOT NULL REFERENCES annotation_versions(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
  mask_id INTEGER NOT NULL REFERENCES masks(id),
  PRIMARY KEY (version_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX annotation_version_masks_mask ON annotation_version_masks (mask_id);

-- the head: which version of an image's annotation is current
CREATE TABLE annotations (
  image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
  current_version_id INTEGER NOT NULL REFERENCES annotation_versions(id),
  updated_at TEXT NOT NULL
);
CREATE INDEX annotations_current ON annotations (current_version_id);

CREATE TABLE review_events (
  id INTEGER PRIMARY KEY,
  image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  version_id INTEGER REFERENCES annotation_versions(id) ON DELETE SET NULL,
  action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'comment')),
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  note TEXT
);
CREATE INDEX review_events_image ON review_events (image_id, id);
CREATE INDEX review_events_version ON review_events (version_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  project_id INTEGER,
  details_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details_json))
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id);
CREATE INDEX audit_log_project ON audit_log (project_id, id);

CREATE TABLE model_packs (
  id TEXT PRIMARY KEY CHECK (length(id) > 0),
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  folder TEXT NOT NULL,
  manifest_json TEXT NOT NULL CHECK (json_valid(manifest_json)),
  installed_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('installing', 'installed', 'failed', 'removed'))
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (length(kind) > 0),
  project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
  payload_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload_json)),
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'cancelling', 'cancelled', 'failed', 'done', 'interrupted')),
  progress_done INTEGER NOT NULL DEFAULT 0 CHECK (progress_done >= 0),
  progress_total INTEGER NOT NULL DEFAULT 0 CHECK (progress_total >= 0),
  message TEXT,
  result_json TEXT CHECK (result_json IS NULL OR json_valid(result_json)),
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  heartbeat_at TEXT
);
CREATE INDEX jobs_status ON jobs (status, kind, id);
CREATE INDEX jobs_project ON jobs (project_id, id);

-- what a job has committed, item by item, in the same transaction as the item's work:
-- a resumed job skips these, and its report lists them
CREATE TABLE job_items (
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped', 'failed')),
  detail TEXT,
  PRIMARY KEY (job_id, item_key)
) WITHOUT ROWID;
`;
