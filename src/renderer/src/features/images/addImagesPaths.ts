/** Paths typed or pasted into "Add images": one per line, trimmed, blank lines and repeats dropped. */
export function parsePathList(text: string): string[] {
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const path = line.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (path === '' || seen.has(path)) continue;
    seen.add(path);
    paths.push(path);
  }
  return paths;
}

/** Appends picked paths to the text, keeping what is there and skipping paths already listed. */
export function appendPaths(text: string, picked: readonly string[]): string {
  const existing = new Set(parsePathList(text));
  const added = picked.filter((path) => !existing.has(path));
  if (added.length === 0) return text;
  const base = text.trimEnd();
  return (base === '' ? '' : `${base}\n`) + added.join('\n');
}
