/** `intseg models`: the installed model packs (list, import from a folder, check on this machine, remove). */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { printJson, say } from '../output';
import { openCliContext } from '../context';

export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('install, check and remove model packs (folders with a pack.json)');

  models
    .command('list')
    .description('installed model packs')
    .option('--json', 'print one JSON object: {"packs": [...]}')
    .action(async (options: { json?: boolean }, command: Command) => {
      const context = await openCliContext(command, 'direct', { runJobs: false });
      try {
        const packs = await context.router.invoke('models.list', {}, context.callContext);
        if (options.json === true) printJson({ packs });
        else if (packs.length === 0) say(false, 'no model pack installed: "intseg models import DIR" installs one from a folder');
        else for (const pack of packs) say(false, `${pack.name} ${pack.version}${pack.testOnly ? ' (TEST pack)' : ''}  ${pack.dir}  ports: ${pack.ports.join(', ')}`);
      } finally {
        await context.close();
      }
    });

  models
    .command('import')
    .description('install a pack from a folder (checked file by file, copied into the data folder; for machines without internet)')
    .argument('<dir>', 'pack folder')
    .option('--name <name>', 'installed name (default: the name in pack.json)')
    .option('--force', 'replace an installed pack of the same name')
    .option('--json', 'print the installed pack as one JSON object')
    .action(async (dir: string, options: { name?: string; force?: boolean; json?: boolean }, command: Command) => {
      const context = await openCliContext(command, 'direct', { runJobs: false });
      try {
        const pack = await context.router.invoke(
          'models.import',
          { path: resolve(dir), ...(options.name !== undefined ? { name: options.name } : {}), force: options.force === true },
          context.callContext,
        );
        if (options.json === true) printJson(pack);
        else say(false, `installed ${pack.name} ${pack.version} at ${pack.dir}${pack.testOnly ? ' (a TEST pack: tiny graphs and stand-ins)' : ''}`);
      } finally {
        await context.close();
      }
    });

  models
    .command('check')
    .description('load every model of a pack on this machine and report the device each one really uses')
    .argument('<pack>', 'installed pack name or pack folder')
    .option('--json', 'print one JSON object: {"pack", "report", "loadMs"}')
    .action(async (reference: string, options: { json?: boolean }, command: Command) => {
      const context = await openCliContext(command, 'direct', { runJobs: false });
      try {
        const checked = await context.router.invoke('models.check', { pack: reference }, context.callContext);
        if (options.json === true) printJson(checked);
        else {
          say(false, `${checked.pack.name} ${checked.pack.version}: every model loads (${Math.round(checked.loadMs)} ms)`);
          for (const device of checked.report.devices) say(false, `  ${device.role} ${device.file.split(/[\\/]/).slice(-2).join('/')}: ${device.device}${device.device !== device.requestedDevice ? ` (asked for ${device.requestedDevice})` : ''}`);
          for (const fallback of checked.report.fallbacks) say(false, `  warning: ${fallback}`);
          if (checked.report.standIns.length > 0) say(false, `  test stand-ins (not models): ${checked.report.standIns.join(', ')}`);
        }
      } finally {
        await context.close();
      }
    });

  models
    .command('remove')
    .description('remove an installed pack')
    .argument('<name>', 'installed pack name')
    .option('--json', 'print one JSON object: {"removed"}')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const context = await openCliContext(command, 'direct', { runJobs: false });
      try {
        const removed = await context.router.invoke('models.remove', { pack: name }, context.callContext);
        if (options.json === true) printJson(removed);
        else say(false, `removed ${removed.removed}`);
      } finally {
        await context.close();
      }
    });
}
