/** Output file names: the basename of the image's file name, made unique within one export. */

/** "dir/sub/a.b.jpg" or "dir\\a.jpg" -> "a.b" / "a". */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 32) return true;
  return false;
}

/**
 * Hands out one output basename per image. Two images with the same basename (case-insensitively,
 * for case-insensitive file systems) cannot both be `<basename>.png`: the later one gets
 * `<basename>__<id>` and the caller records a warning.
 */
export class OutputNames {
  private readonly used = new Set<string>();

  take(fileName: string, imageId: number): { name: string; renamed: boolean } {
    let name = baseName(fileName);
    if (name === '' || name === '.' || name === '..' || hasControlCharacter(name)) name = `image-${imageId}`;
    let renamed = false;
    if (this.used.has(name.toLowerCase())) {
      name = `${name}__${imageId}`;
      renamed = true;
    }
    this.used.add(name.toLowerCase());
    return { name, renamed };
  }
}
