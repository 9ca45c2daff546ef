/** `intseg images add`. */
import type { Command } from 'commander';
import { parseId, printJson, say } from '../output';
import { openCliContext, runImportJob } from '../context';

export function registerImagesCommands(program: Command): void {
  const images = program.command('images').description('add and check project images');

  images
    .command('add')
    .description('import image files or folders (PNG, JPEG, TIFF, WebP, BMP) into a project; files stay where they are')
    .requiredOption('--project <id>', 'project id')
    .argument('<paths...>', 'files or folders (folders are walked recursively)')
    .option('--json', 'print one JSON object: {"project", "job", "resumed", "images", "skipped"}')
    .action(async (paths: string[], options: { project: string; json?: boolean }, command: Command) => {
      const projectId = parseId(options.project, '--project');
      const json = options.json === true;
      const context = await openCliContext(command, 'direct');
      try {
        const outcome = await runImportJob(context, projectId, paths, json);
        if (json) printJson({ project: projectId, job: outcome.jobId, resumed: outcome.resumed, images: outcome.imported, skipped: outcome.skipped });
        else {
          if (outcome.resumed) say(false, `finished import job ${outcome.jobId}, which an earlier run left interrupted`);
          say(false, `imported ${outcome.imported} image(s) into project ${projectId}, skipped ${outcome.skipped.length}`);
          for (const item of outcome.skipped) say(false, `  skipped ${item.path}: ${item.reason}`);
        }
      } finally {
        await context.close();
      }
    });
}
