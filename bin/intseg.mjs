#!/usr/bin/env node
// The `intseg` command. The CLI is bundled to out/node by `npm ci` (the prepare script) or `npm run build:node`.
import { existsSync } from 'node:fs';

const entry = new URL('../out/node/cli.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('intseg: the CLI is not built; run "npm run build:node" in the IntSeg Studio folder (npm ci does it)\n');
  process.exit(1);
}
await import(entry.href);
