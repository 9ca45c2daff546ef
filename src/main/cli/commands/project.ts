/** `intseg project create|list`. */
import type { Command } from 'commander';
import { parseList, printJson, say } from '../output';
import { openCliContext, runImportJob } from '../context';

interface CreateOptions {
  readonly name: string;
  readonly task: string;
  readonly labels?: string;
  readonly images?: string[];
  readonly json?: boolean;
}

export function registerProjectCommands(program: Command): void {
  const project = program.command('project').description('create and list projects');

  project
    .command('create')
    .description('create a project from a name and a task prompt, optionally importing images')
    .requiredOption('--name <name>', 'project name')
    .requiredOption('--task <prompt>', 'task prompt, e.g. "camouflaged animal" or "polyp"')
    .option('--labels <a,b>', 'comma-separated label names (default: the task prompt)')
    .option('--images <paths...>', 'image files or folders to import')
    .option('--json', 'print one JSON object: {"id", "images", "skipped"}')
    .action(async (options: CreateOptions, command: Command) => {
      const json = options.json === true;
      const context = await openCliContext(command, 'direct', { runJobs: options.images !== undefined });
      try {
        const labels = options.labels === undefined ? undefined : parseList(options.labels);
        const created = await context.router.invoke('projects.create', { name: options.name, taskPrompt: options.task, ...(labels !== undefined ? { labels } : {}) }, context.callContext);
        let imported = 0;
        let skipped: { path: string; reason: string }[] = [];
        if (options.images !== undefined && options.images.length > 0) {
          const outcome = await runImportJob(context, created.id, options.images, json);
          imported = outcome.imported;
          skipped = outcome.skipped;
        }
        if (json) printJson({ id: created.id, images: imported, skipped });
        else {
          say(false, `created project ${created.id} "${created.name}" (task: ${created.taskPrompt})`);
          if (options.images !== undefined) say(false, `imported ${imported} image(s), skipped ${skipped.length}`);
          for (const item of skipped) say(false, `  skipped ${item.path}: ${item.reason}`);
        }
      } finally {
        await context.close();
      }
    });

  project
    .command('list')
    .description('list projects with image counts')
    .option('--json', 'print one JSON object: {"projects": [...]}')
    .action(async (options: { json?: boolean }, command: Command) => {
      const context = await openCliContext(command, 'direct', { runJobs: false });
      try {
        const projects = await context.router.invoke('projects.list', {}, context.callContext);
        if (options.json === true) printJson({ projects });
        else if (projects.length === 0) say(false, 'no projects yet: create one with "intseg project create --name N --task T"');
        else for (const item of projects) say(false, `${String(item.id).padStart(4)}  ${item.name}  (task: ${item.taskPrompt}, ${item.imageCount} images)`);
      } finally {
        await context.close();
      }
    });
}
