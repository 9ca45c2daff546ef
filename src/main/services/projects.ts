/** Project use cases: create (labels default to the task prompt), list with image counts, update. */
import type { Storage } from '../storage/storage';
import type { ProjectRecord } from '../storage/repositories/projects';
import type { CreateProjectInput, Project, UpdateProjectInput } from '../../shared/dto/projects';
import { assignLabelColors } from '../../shared/labels';
import type { EventBus } from '../ipc/events';

export class ProjectService {
  constructor(
    private readonly storage: Storage,
    private readonly events: EventBus,
  ) {}

  list(): Project[] {
    return this.storage.projects.list().map((record) => this.toDto(record));
  }

  get(projectId: number): Project {
    return this.toDto(this.storage.projects.require(projectId));
  }

  create(input: CreateProjectInput, actor: string): Project {
    const labels = assignLabelColors(input.labels !== undefined && input.labels.length > 0 ? input.labels : [input.taskPrompt]);
    const record = this.storage.projects.create({ name: input.name, taskPrompt: input.taskPrompt, labels }, actor);
    return this.toDto(record);
  }

  update(input: UpdateProjectInput, actor: string): Project {
    const record = this.storage.projects.update(
      input.projectId,
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.taskPrompt !== undefined ? { taskPrompt: input.taskPrompt } : {}),
        ...(input.labels !== undefined ? { labels: assignLabelColors(input.labels) } : {}),
      },
      actor,
    );
    this.events.emit('projects.changed', { projectId: record.id });
    return this.toDto(record);
  }

  private toDto(record: ProjectRecord): Project {
    const statusCounts = this.storage.images.statusCounts(record.id);
    const imageCount = Object.values(statusCounts).reduce((sum, count) => sum + (count ?? 0), 0);
    return {
      id: record.id,
      name: record.name,
      taskPrompt: record.taskPrompt,
      labels: [...record.labels],
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      imageCount,
      statusCounts,
    };
  }
}
