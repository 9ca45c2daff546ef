import { z } from 'zod';
import type { Db } from '../db';
import { AppError } from '../../../shared/result';
import type { AuditRepository } from './audit';
import { fromJsonAs, notFound, toJson, type Actor, type Clock } from './common';

export interface ProjectLabel {
  readonly name: string;
  /** '#rrggbb' */
  readonly color: string;
}

export interface ProjectRecord {
  readonly id: number;
  readonly name: string;
  readonly taskPrompt: string;
  readonly labels: readonly ProjectLabel[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewProject {
  readonly name: string;
  readonly taskPrompt: string;
  readonly labels?: readonly ProjectLabel[];
}

export interface ProjectPatch {
  readonly name?: string;
  readonly taskPrompt?: string;
  readonly labels?: readonly ProjectLabel[];
}

const labelsSchema = z.array(z.object({ name: z.string().min(1), color: z.string().regex(/^#[0-9a-fA-F]{6}$/) }));

interface ProjectRow {
  id: number;
  name: string;
  task_prompt: string;
  labels_json: string;
  created_at: string;
  updated_at: string;
}

export class ProjectRepository {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditRepository;
  private readonly insertRow;
  private readonly selectOne;
  private readonly selectAll;
  private readonly updateRow;
  private readonly deleteRow;

  constructor(db: Db, clock: Clock, audit: AuditRepository) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.insertRow = db.prepare<[string, string, string, string, string], ProjectRow>(
      'INSERT INTO projects (name, task_prompt, labels_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
    );
    this.selectOne = db.prepare<[number], ProjectRow>('SELECT * FROM projects WHERE id = ?');
    this.selectAll = db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY id');
    this.updateRow = db.prepare<[string, string, string, string, number], ProjectRow>(
      'UPDATE projects SET name = ?, task_prompt = ?, labels_json = ?, updated_at = ? WHERE id = ? RETURNING *',
    );
    this.deleteRow = db.prepare<[number]>('DELETE FROM projects WHERE id = ?');
  }

  create(input: NewProject, actor: Actor): ProjectRecord {
    const labels = checkLabels(input.labels ?? []);
    return this.db.transaction(() => {
      const now = this.clock();
      const row = this.insertRow.get(input.name, input.taskPrompt, toJson(labels, 'labels'), now, now);
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      const project = toProject(row);
      this.audit.record({ actor, action: 'project.create', targetType: 'project', targetId: project.id, projectId: project.id, details: { name: project.name } });
      return project;
    })();
  }

  get(id: number): ProjectRecord | null {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toProject(row);
  }

  require(id: number): ProjectRecord {
    const project = this.get(id);
    if (project === null) throw notFound('project', id);
    return project;
  }

  list(): ProjectRecord[] {
    return this.selectAll.all().map(toProject);
  }

  update(id: number, patch: ProjectPatch, actor: Actor): ProjectRecord {
    return this.db.transaction(() => {
      const before = this.require(id);
      const labels = patch.labels === undefined ? before.labels : checkLabels(patch.labels);
      const row = this.updateRow.get(patch.name ?? before.name, patch.taskPrompt ?? before.taskPrompt, toJson(labels, 'labels'), this.clock(), id);
      if (row === undefined) throw notFound('project', id);
      const changed = Object.keys(patch).filter((key) => patch[key as keyof ProjectPatch] !== undefined);
      this.audit.record({ actor, action: 'project.update', targetType: 'project', targetId: id, projectId: id, details: { changed } });
      return toProject(row);
    })();
  }

  /** Deletes the project with its images, runs, masks, annotations and jobs (ON DELETE CASCADE); the audit log keeps its entries. */
  delete(id: number, actor: Actor): boolean {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before === null) return false;
      this.deleteRow.run(id);
      this.audit.record({ actor, action: 'project.delete', targetType: 'project', targetId: id, projectId: id, details: { name: before.name } });
      return true;
    })();
  }
}

function checkLabels(labels: readonly ProjectLabel[]): ProjectLabel[] {
  const parsed = labelsSchema.safeParse(labels);
  if (!parsed.success) {
    throw new AppError('invalid_input', `labels must be { name, color: '#rrggbb' }: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const seen = new Set<string>();
  for (const label of parsed.data) {
    if (seen.has(label.name)) throw new AppError('invalid_input', `label "${label.name}" is given twice`);
    seen.add(label.name);
  }
  return parsed.data;
}

function toProject(row: ProjectRow): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    taskPrompt: row.task_prompt,
    labels: fromJsonAs(row.labels_json, labelsSchema, 'project labels'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
