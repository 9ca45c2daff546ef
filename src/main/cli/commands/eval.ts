/**
 * `intseg eval`: the metrics of INT.md section 7 for a folder of predictions against a folder of GT masks, or
 * for a project's predictions (current annotations, or one run's) against GT, stored in the project.
 *
 * With --json stdout carries one object: for folders exactly n and the 13 metric keys (MAE, Sm, meanEm, adpEm,
 * maxEm, adpFm, meanFm, maxFm, wFm, meanDice, meanIoU, binDice, binIoU); for a project the same keys after
 * evaluation, project, run, gt and protocol. Files or images that were not evaluated (unpaired, unreadable, no
 * prediction) and caveats are written to stderr, one `intseg: warning:` line each, so the JSON stays the
 * metrics; a run where nothing could be evaluated fails instead of printing empty metrics.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { EVAL_PROTOCOLS } from '../../../shared/data-formats';
import { CliError, createProgress, parseId, printJson, say, warn } from '../output';
import { openCliContext } from '../context';
import { runDataJob } from '../data-job';

interface EvalOptions {
  readonly pred?: string;
  readonly gt?: string;
  readonly project?: string;
  readonly run?: string;
  readonly protocol: (typeof EVAL_PROTOCOLS)[number];
  readonly perImage?: string;
  readonly json?: boolean;
}

type Metrics = Readonly<Record<string, number | null>>;

function metricLines(keys: readonly string[], metrics: Metrics): string[] {
  return keys.map((key) => `  ${key.padEnd(9)} ${metrics[key] === null || metrics[key] === undefined ? '-' : (metrics[key] as number).toFixed(4)}`);
}

async function evaluateFoldersCommand(options: EvalOptions & { pred: string; gt: string }): Promise<void> {
  const json = options.json === true;
  const [{ evaluateFolders }, { DATASET_METRIC_KEYS }, { CancelSource }] = await Promise.all([
    import('../../eval/evaluate-folders'),
    import('../../../core/metrics/evaluate'),
    import('../../../core/cancel'),
  ]);
  const cancel = new CancelSource();
  const onInterrupt = (): void => {
    process.stderr.write('\nintseg: stopping (Ctrl+C again to force)\n');
    cancel.cancel('interrupted from the command line');
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  const progress = createProgress('evaluating', !json);
  let result;
  try {
    result = await evaluateFolders({
      predDir: resolve(options.pred),
      gtDir: resolve(options.gt),
      protocol: options.protocol,
      ...(options.perImage === undefined ? {} : { perImageCsv: resolve(options.perImage) }),
      onProgress: (done, total) => progress.update(done, total),
      cancel,
    });
  } catch (error) {
    if (cancel.cancelled) throw new CliError('evaluation cancelled', 130);
    throw error;
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
  }
  for (const problem of result.problems) warn(`not evaluated: ${problem.file}: ${problem.reason}`);
  for (const caveat of result.warnings) warn(`${caveat.file}: ${caveat.reason}`);
  if (result.n === 0) throw new CliError(`nothing was evaluated: no prediction could be paired with a readable GT file (${result.problems.length} problem(s) above)`);
  const metrics: Record<string, number | null> = { n: result.n };
  for (const key of DATASET_METRIC_KEYS) metrics[key] = result[key];
  if (json) printJson(metrics);
  else {
    say(false, `${result.n} pair(s), ${result.protocol} protocol${result.problems.length > 0 ? `, ${result.problems.length} file(s) not evaluated` : ''}`);
    for (const line of metricLines(DATASET_METRIC_KEYS, metrics)) say(false, line);
  }
}

async function evaluateProjectCommand(options: EvalOptions & { project: string }, command: Command): Promise<void> {
  const json = options.json === true;
  const projectId = parseId(options.project, '--project');
  const runId = options.run === undefined ? undefined : parseId(options.run, '--run');
  const gtDir = options.gt === undefined ? undefined : resolve(options.gt);
  const context = await openCliContext(command, 'direct');
  try {
    const [{ EVAL_JOB }, { DATASET_METRIC_KEYS }] = await Promise.all([import('../../services/eval/eval-job'), import('../../../core/metrics/evaluate')]);
    const { jobId } = await runDataJob(context, {
      kind: EVAL_JOB,
      projectId,
      identity: { runId: runId ?? null, gtDir: gtDir ?? null, protocol: options.protocol },
      title: 'evaluating',
      json,
      onCancel: 'nothing was stored',
      start: async () =>
        (
          await context.router.invoke(
            'eval.start',
            { projectId, protocol: options.protocol, ...(runId === undefined ? {} : { runId }), ...(gtDir === undefined ? {} : { gtDir }) },
            context.callContext,
          )
        ).jobId,
    });
    const result = context.storage.jobs.require(jobId).result as { evaluationId?: unknown } | null;
    if (typeof result?.evaluationId !== 'number') throw new CliError(`evaluation job ${jobId} ended without an evaluation record`);
    const evaluation = await context.router.invoke('eval.get', { evaluationId: result.evaluationId }, context.callContext);
    for (const problem of evaluation.problems) warn(`${problem.file}: ${problem.reason}`);
    if (options.perImage !== undefined) await writeProjectCsv(context, evaluation.id, resolve(options.perImage));
    const metrics: Record<string, number | null> = { n: evaluation.metrics.n };
    for (const key of DATASET_METRIC_KEYS) metrics[key] = evaluation.metrics[key];
    if (json) {
      printJson({ evaluation: evaluation.id, project: projectId, run: evaluation.runId, gt: evaluation.gtFolder ?? 'stored', protocol: evaluation.protocol, ...metrics });
    } else {
      say(false, `evaluation ${evaluation.id}: ${evaluation.predictionLabel} against ${evaluation.gtFolder ?? 'the stored ground truth'}, ${evaluation.protocol} protocol`);
      say(false, `${evaluation.metrics.n} image(s)${evaluation.softPredictions > 0 ? ` (${evaluation.softPredictions} soft)` : ''}, ${evaluation.problemCount} problem(s)`);
      for (const line of metricLines(DATASET_METRIC_KEYS, metrics)) say(false, line);
    }
  } finally {
    await context.close();
  }
}

/** The stored per-image rows as CSV (written atomically), like the folder mode's --per-image. */
async function writeProjectCsv(context: Awaited<ReturnType<typeof openCliContext>>, evaluationId: number, path: string): Promise<void> {
  const [{ csvRow }, { writeFile, rename }] = await Promise.all([import('../../eval/csv'), import('node:fs/promises')]);
  const { IMAGE_METRIC_KEYS } = await import('../../storage/repositories/evaluations');
  let text = csvRow(['name', 'image_id', 'soft', ...IMAGE_METRIC_KEYS]);
  for (let offset = 0; ; offset += 1000) {
    const page = context.storage.evaluations.images(evaluationId, { offset, limit: 1000 });
    for (const row of page.items) text += csvRow([row.fileName, row.imageId, row.soft, ...IMAGE_METRIC_KEYS.map((key) => row.metrics[key])]);
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('evaluate predictions against ground truth (MAE, S-measure, E-measure, F-measure, weighted F, Dice, IoU; PySODMetrics definitions)')
    .option('--pred <dir>', 'folder of predictions (paired with --gt files by file name without extension)')
    .option('--gt <dir>', 'folder of GT masks; with --project, GT paired with project images by file name (default: the project\'s stored ground truth)')
    .option('--project <id>', 'evaluate a project\'s current annotations (or --run) and store the result in it')
    .option('--run <id>', 'with --project: evaluate this run\'s masks (soft masks where stored)')
    .addOption(new Option('--protocol <protocol>', 'native: at the GT resolution; paper: binary masks at 1024x1024, as the INT paper').choices(EVAL_PROTOCOLS).default('native'))
    .option('--per-image <csv>', 'also write one CSV row of metrics per image')
    .option('--json', 'print one JSON object: {"n", "MAE", "Sm", "meanEm", "adpEm", "maxEm", "adpFm", "meanFm", "maxFm", "wFm", "meanDice", "meanIoU", "binDice", "binIoU"}')
    .action(async (options: EvalOptions, command: Command) => {
      if (options.project !== undefined) {
        if (options.pred !== undefined) throw new CliError('--pred evaluates folders and --project a project; give one of them', 2);
        await evaluateProjectCommand({ ...options, project: options.project }, command);
        return;
      }
      if (options.run !== undefined) throw new CliError('--run needs --project', 2);
      if (options.pred === undefined || options.gt === undefined) throw new CliError('give --pred DIR and --gt DIR, or --project ID', 2);
      await evaluateFoldersCommand({ ...options, pred: options.pred, gt: options.gt });
    });
}
