/**
 * Entry of the `intseg` command. Heavy modules (SQLite, sharp, ONNX) are imported lazily inside the
 * commands so that `intseg --version` and `--help` start fast.
 */
import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../app/version';
import { CliError, oneLine } from './output';
import { registerProjectCommands } from './commands/project';
import { registerImagesCommands } from './commands/images';
import { registerServeCommand } from './commands/serve';
import { registerExportCommand } from './commands/export';
import { registerImportCommand } from './commands/import';
import { registerEvalCommand } from './commands/eval';
import { registerRunCommand } from './commands/run';
import { registerBenchCommand } from './commands/bench';
import { registerModelsCommands } from './commands/models';

export function buildProgram(): Command {
  const program = new Command('intseg')
    .description('IntSeg Studio: segment whole image datasets from one task prompt (INT), then review, export and evaluate.')
    .version(APP_VERSION, '-v, --version', 'print the version')
    .option('--data <dir>', 'data folder (database, models); default: $INTSEG_DATA or the desktop app\'s per-user folder')
    // Usage errors print one line, like every other failure: `intseg: <reason> (see --help)`.
    .configureOutput({ outputError: (text, write) => write(`intseg: ${text.trim().replace(/^error: /, '')} (see --help)\n`) })
    .exitOverride();
  registerProjectCommands(program);
  registerImagesCommands(program);
  registerRunCommand(program);
  registerServeCommand(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerEvalCommand(program);
  registerModelsCommands(program);
  registerBenchCommand(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`intseg: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    process.stderr.write(`intseg: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    if (process.env['INTSEG_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

const exitCode = await main(process.argv);
// Long-running commands (serve) keep the process alive themselves; everything else ends here.
if (exitCode !== 0 || process.exitCode === undefined) process.exitCode = exitCode;
