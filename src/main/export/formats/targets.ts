/** Matches names found in imported files to the project's images. */
import type { ImportTarget } from './model';
import { baseName } from './names';

export type TargetMatch = { readonly target: ImportTarget } | { readonly error: string };

function fileOf(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export class TargetIndex {
  private readonly exact = new Map<string, ImportTarget>();
  private readonly byFile = new Map<string, ImportTarget[]>();
  private readonly byBase = new Map<string, ImportTarget[]>();

  constructor(targets: readonly ImportTarget[]) {
    const seen = new Set<string>();
    for (const target of targets) {
      // Two images stored under the same name (from different folders) are ambiguous, not "the last one".
      if (seen.has(target.fileName)) this.exact.delete(target.fileName);
      else this.exact.set(target.fileName, target);
      seen.add(target.fileName);
      const file = fileOf(target.fileName);
      this.byFile.set(file, [...(this.byFile.get(file) ?? []), target]);
      const base = baseName(target.fileName);
      this.byBase.set(base, [...(this.byBase.get(base) ?? []), target]);
    }
  }

  /** By the stored file name, then by file name without folders, then (`byBase`) without extension. */
  find(name: string, byBase = false): TargetMatch {
    const exact = this.exact.get(name);
    if (exact) return { target: exact };
    const candidates = (byBase ? this.byBase.get(baseName(name)) : this.byFile.get(fileOf(name))) ?? [];
    if (candidates.length === 1) return { target: candidates[0]! };
    if (candidates.length > 1) return { error: `${name} matches ${candidates.length} project images (${candidates.map((t) => t.fileName).join(', ')}); ambiguous` };
    return { error: `unknown image name ${name}: no project image has this name` };
  }
}
