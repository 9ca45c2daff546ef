/** `intseg import`: masks from COCO, PNG or labelme files into a project, as annotations or as ground truth. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { IMPORT_FORMATS, IMPORT_TARGETS } from '../../../shared/data-formats';
import { parseId, printJson, say } from '../output';
import { openCliContext } from '../context';
import { runDataJob } from '../data-job';

interface ImportOptions {
  readonly project: string;
  readonly format: (typeof IMPORT_FORMATS)[number];
  readonly as: (typeof IMPORT_TARGETS)[number];
  readonly label?: string;
  readonly json?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import masks matched to project images by file name; every item not imported is reported with the reason')
    .requiredOption('--project <id>', 'project id')
    .addOption(new Option('--format <format>', 'coco: one JSON file (RLE or polygons); png: a folder of binary masks named like the images; labelme: a folder of JSON files').choices(IMPORT_FORMATS).makeOptionMandatory())
    .addOption(new Option('--as <kind>', 'annotation: a new annotation version (a person\'s current edit stays current); ground-truth: reference masks for evaluation').choices(IMPORT_TARGETS).default('annotation'))
    .option('--label <name>', 'label of PNG masks (default: the project\'s first label)')
    .option('--json', 'print one JSON object: {"project", "format", "as", "path", "images", "instances", "notCurrent", "addedLabels", "problems"}')
    .argument('<path>', 'COCO JSON file, or folder of PNG masks or labelme files')
    .action(async (path: string, options: ImportOptions, command: Command) => {
      const projectId = parseId(options.project, '--project');
      const json = options.json === true;
      const absolute = resolve(path);
      const context = await openCliContext(command, 'direct');
      try {
        const { ANNOTATION_IMPORT_JOB } = await import('../../services/import/import-job');
        const { jobId, resumed } = await runDataJob(context, {
          kind: ANNOTATION_IMPORT_JOB,
          projectId,
          identity: { format: options.format, path: absolute, as: options.as, label: options.label ?? null },
          title: 'importing',
          json,
          onCancel: 'what was imported before stays (see the project); running the command again imports every item again',
          start: async () =>
            (
              await context.router.invoke(
                'import.start',
                { projectId, format: options.format, path: absolute, as: options.as, ...(options.label === undefined ? {} : { label: options.label }) },
                context.callContext,
              )
            ).jobId,
        });
        const report = await context.router.invoke('import.report', { jobId }, context.callContext);
        if (json) {
          printJson({ project: projectId, ...report });
          return;
        }
        if (resumed) say(false, `finished import job ${jobId}, which an earlier run left interrupted`);
        const as = report.as === 'ground-truth' ? 'ground truth' : 'annotations';
        say(false, `imported ${as} for ${report.images} image(s) (${report.instances} instance(s)) into project ${projectId}; ${report.problems.length} problem(s)`);
        if (report.notCurrent > 0) say(false, `  ${report.notCurrent} image(s) keep a person's edit as current; the import is in their history`);
        if (report.addedLabels.length > 0) say(false, `  added label(s) to the project: ${report.addedLabels.join(', ')}`);
        for (const problem of report.problems) say(false, `  ${problem.file}${problem.item === 'file' ? '' : ` (${problem.item})`}: ${problem.reason}`);
      } finally {
        await context.close();
      }
    });
}
