/** `intseg run`: INT over every image of a project, as a resumable job. */
import type { Command } from 'commander';
import { ABLATIONS, SCALES, type Ablation, type RunOptions } from '../../../shared/dto/runs';
import { CliError, parseId, parseList, printJson, say } from '../output';
import { openCliContext, waitForJob } from '../context';

interface RunCommandOptions {
  readonly project: string;
  readonly pack?: string;
  readonly route?: string;
  readonly iterations?: string;
  readonly scales?: string;
  readonly ablate?: string;
  readonly earlyStop?: boolean;
  readonly json?: boolean;
}

function parseOptions(options: RunCommandOptions): RunOptions {
  const parsed: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {};
  if (options.route !== undefined) {
    if (options.route !== 'clip' && options.route !== 'vlm') throw new CliError(`--route must be clip or vlm, got "${options.route}"`, 2);
    parsed.route = options.route;
  }
  if (options.iterations !== undefined) {
    const iterations = Number(options.iterations);
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > 20) throw new CliError(`--iterations must be an integer from 1 to 20, got "${options.iterations}"`, 2);
    parsed.iterations = iterations;
  }
  if (options.scales !== undefined) {
    const scales = parseList(options.scales);
    const unknown = scales.filter((scale) => !(SCALES as readonly string[]).includes(scale));
    if (unknown.length > 0 || scales.length === 0) throw new CliError(`--scales takes ${SCALES.join(',')}; got "${options.scales}"`, 2);
    parsed.scales = scales as (typeof SCALES)[number][];
  }
  if (options.ablate !== undefined) {
    const names = parseList(options.ablate);
    const unknown = names.filter((name) => !(ABLATIONS as readonly string[]).includes(name));
    if (unknown.length > 0) throw new CliError(`--ablate takes ${ABLATIONS.join(',')}; got "${unknown.join(',')}"`, 2);
    parsed.ablate = names as Ablation[];
  }
  if (options.earlyStop === true) parsed.earlyStop = true;
  return parsed;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('segment every image of a project with INT (resumable: run it again after a crash or Ctrl+C)')
    .requiredOption('--project <id>', 'project id')
    .option('--pack <name|dir>', 'installed model pack name or pack folder (default: the only installed pack)')
    .option('--route <clip|vlm>', 'how Score is computed: clip (fast) or vlm (faithful)')
    .option('--iterations <n>', 'INT iterations (default 5)')
    .option('--scales <list>', `patch scales, from ${SCALES.join(',')} (default all)`)
    .option('--ablate <list>', `modules to switch off, from ${ABLATIONS.join(',')}`)
    .option('--early-stop', 'stop when the mask stops changing (GenSAM rule)')
    .option('--json', 'print one JSON object with the run and per-image status')
    .action(async (options: RunCommandOptions, command: Command) => {
      const projectId = parseId(options.project, '--project');
      const runOptions = parseOptions(options);
      const json = options.json === true;
      const context = await openCliContext(command, 'direct');
      const started = Date.now();
      try {
        let pack = options.pack;
        if (pack === undefined) {
          const installed = await context.router.invoke('models.list', {}, context.callContext);
          if (installed.length !== 1) {
            throw new CliError(installed.length === 0 ? 'no model pack is installed: pass --pack DIR' : `several model packs are installed (${installed.map((p) => p.name).join(', ')}): choose one with --pack`, 2);
          }
          pack = installed[0]?.name ?? '';
        }
        const start = await context.router.invoke('runs.start', { projectId, pack, options: runOptions, resumeInterrupted: true }, context.callContext);
        const { runId, resumed } = start;
        if (resumed) say(json, `resuming run ${runId}, which an earlier command left interrupted`);
        const summary = await context.router.invoke('runs.get', { runId }, context.callContext);
        if (summary.testOnlyPack) say(json, `note: ${summary.packName ?? 'this pack'} is a TEST pack (tiny graphs and stand-ins): its masks say nothing about real models`);
        if (summary.jobId !== null) await waitForJob(context, summary.jobId, 'segmenting', json);
        const final = await context.router.invoke('runs.get', { runId }, context.callContext);
        const images = await context.router.invoke('runs.images', { runId, limit: 5000 }, context.callContext);
        for (const fallback of final.packReport?.fallbacks ?? []) say(json, `warning: ${fallback}`);
        if (json) {
          printJson({
            run: runId,
            project: projectId,
            status: final.status,
            resumed,
            pack: final.packName,
            testOnlyPack: final.testOnlyPack,
            options: final.options,
            images: images.items.map((image) => ({
              id: image.imageId,
              file: image.fileName,
              status: image.status,
              ...(image.error !== null ? { error: image.error } : {}),
              ...(image.uncertainty !== null ? { uncertainty: image.uncertainty } : {}),
              ...(image.finalIteration !== null ? { finalIteration: image.finalIteration } : {}),
            })),
            done: final.doneCount,
            failed: final.failedCount,
            seconds: (Date.now() - started) / 1000,
            fallbacks: final.packReport?.fallbacks ?? [],
          });
        } else {
          say(false, `run ${runId}: ${final.status}, ${final.doneCount} of ${final.imageCount} image(s) segmented, ${final.failedCount} failed`);
          for (const image of images.items) if (image.error !== null) say(false, `  ${image.fileName}: ${image.status}: ${image.error}`);
        }
        if (final.status === 'cancelled') throw new CliError(`run ${runId} cancelled; run the same command again to finish it`, 130);
        if (final.status === 'failed') throw new CliError(`run ${runId} failed: ${final.error ?? 'unknown error'}`);
      } finally {
        await context.close();
      }
    });
}
