import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/images/${name}`, import.meta.url));

/** Builds a folder from fixture files: { 'a/b.png': 'pattern.png' } copies the fixture to a/b.png; a Buffer or string is written as is. */
export function makeFolder(layout: Readonly<Record<string, string | Uint8Array>>): string {
  const root = mkdtempSync(join(tmpdir(), 'intseg-images-'));
  for (const [relative, source] of Object.entries(layout)) {
    const target = join(root, relative);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof source === 'string' && !source.startsWith('text:')) copyFileSync(fixture(source), target);
    else writeFileSync(target, typeof source === 'string' ? source.slice('text:'.length) : source);
  }
  return root;
}
