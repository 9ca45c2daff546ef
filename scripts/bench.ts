/**
 * `npm run bench [-- FILTER [OPTIONS]]`: runs every benchmark in bench/ (each a standalone script that prints
 * its numbers) whose file name contains FILTER, one after another so they do not compete for the cores, after
 * printing the machine once. OPTIONS go to each script (e.g. `npm run bench -- int --n 160 --greedy`).
 * Speed and memory goals live here, never in tests.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem, platform, arch } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const [filter, ...scriptOptions] = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
  .filter((name) => filter === undefined || name.includes(filter))
  .sort();

const cpu = cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()}-${arch()}, node ${process.version}`);
if (files.length === 0) {
  console.error(`no benchmark matches "${filter ?? ''}" in bench/`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', file), ...scriptOptions], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${file} failed with exit code ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
