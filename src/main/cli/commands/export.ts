/** `intseg export`: a project's masks in one of the export formats, as a job in this process. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, EXPORT_SCOPES } from '../../../shared/data-formats';
import { parseId, printJson, say, warn } from '../output';
import { openCliContext } from '../context';
import { runDataJob } from '../data-job';

interface ExportOptions {
  readonly project: string;
  readonly format: (typeof EXPORT_FORMATS)[number];
  readonly out: string;
  readonly status: (typeof EXPORT_SCOPES)[number];
  readonly run?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

const SHOWN_WARNINGS = 20;

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a project\'s masks (current annotations, or one run\'s) to a new folder, with a manifest of hashes and approvals')
    .requiredOption('--project <id>', 'project id')
    .addOption(new Option('--format <format>', 'export format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('--out <dir>', 'folder to create (an existing empty folder is used; a non-empty one is refused)')
    .addOption(new Option('--status <which>', 'images to export: those approved in review, or all images with masks').choices(EXPORT_SCOPES).default('all'))
    .option('--run <id>', 'export this run\'s masks instead of the current annotations')
    .option('--force', 'replace a previous IntSeg Studio export in --out (never a folder of other files)')
    .option('--json', 'print one JSON object: {"out", "format", "images", "instances", "warnings", "manifest"}')
    .action(async (options: ExportOptions, command: Command) => {
      const projectId = parseId(options.project, '--project');
      const runId = options.run === undefined ? undefined : parseId(options.run, '--run');
      const json = options.json === true;
      const out = resolve(options.out);
      const context = await openCliContext(command, 'direct');
      try {
        const { EXPORT_JOB } = await import('../../services/export/export-job');
        const { jobId } = await runDataJob(context, {
          kind: EXPORT_JOB,
          projectId,
          identity: { format: options.format, out, scope: options.status, runId: runId ?? null, force: options.force === true },
          title: 'exporting',
          json,
          onCancel: `nothing was written to ${out}`,
          start: async () =>
            (
              await context.router.invoke(
                'export.start',
                { projectId, format: options.format, out, scope: options.status, force: options.force === true, ...(runId === undefined ? {} : { runId }) },
                context.callContext,
              )
            ).jobId,
        });
        const report = await context.router.invoke('export.report', { jobId }, context.callContext);
        if (json) {
          printJson({ out: report.out, format: report.format, images: report.images, instances: report.instances, warnings: report.warnings, manifest: report.manifest });
          return;
        }
        say(false, `exported ${report.images} image(s) with ${report.instances} instance(s) as ${report.format} to ${report.out}`);
        for (const warning of report.warnings.slice(0, SHOWN_WARNINGS)) {
          warn(`${warning.fileName}${warning.instance === undefined ? '' : ` instance ${warning.instance}`}: ${warning.message}`);
        }
        if (report.warnings.length > SHOWN_WARNINGS) warn(`... and ${report.warnings.length - SHOWN_WARNINGS} more warning(s), all listed in ${report.manifest}`);
      } finally {
        await context.close();
      }
    });
}
