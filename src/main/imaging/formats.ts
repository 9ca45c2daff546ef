/** The formats the app imports. Detection is by content (magic bytes), never by file extension. */
export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'webp' | 'bmp';

export const SUPPORTED_FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'tiff', 'webp', 'bmp'];

export const SUPPORTED_FORMATS_TEXT = 'PNG, JPEG, TIFF, WebP, BMP';

/** Extensions a folder walk picks up (lower case). Other files in a folder are ignored, not reported. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.jpe',
  '.jfif',
  '.tif',
  '.tiff',
  '.webp',
  '.bmp',
  '.dib',
  // picked up so that they are reported as unsupported instead of silently left out
  '.gif',
  '.heic',
  '.heif',
  '.avif',
  '.jp2',
  '.jxl',
  '.svg',
  '.dcm',
]);

/** How many leading bytes `sniffFormat` needs. */
export const SNIFF_BYTES = 16;

export type SniffResult =
  | { readonly kind: 'supported'; readonly format: ImageFormat }
  | { readonly kind: 'unsupported'; readonly what: string }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'empty' };

export function sniffFormat(head: Uint8Array): SniffResult {
  if (head.length === 0) return { kind: 'empty' };
  const starts = (...bytes: number[]): boolean => bytes.every((byte, i) => head[i] === byte);
  const ascii = (from: number, text: string): boolean => [...text].every((char, i) => head[from + i] === char.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'supported', format: 'png' };
  if (starts(0xff, 0xd8, 0xff)) return { kind: 'supported', format: 'jpeg' };
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a) || starts(0x49, 0x49, 0x2b, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2b)) {
    return { kind: 'supported', format: 'tiff' };
  }
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { kind: 'supported', format: 'webp' };
  if (ascii(0, 'BM')) return { kind: 'supported', format: 'bmp' };
  if (ascii(0, 'GIF8')) return { kind: 'unsupported', what: 'GIF' };
  if (ascii(4, 'ftyp')) return { kind: 'unsupported', what: 'HEIF/AVIF' };
  if (ascii(0, '%PDF')) return { kind: 'unsupported', what: 'PDF' };
  if (starts(0xff, 0x0a) || ascii(4, 'JXL ')) return { kind: 'unsupported', what: 'JPEG XL' };
  if (starts(0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50)) return { kind: 'unsupported', what: 'JPEG 2000' };
  if (ascii(0, '<')) return { kind: 'unsupported', what: 'SVG/XML' };
  if (head.length >= 132 && ascii(128, 'DICM')) return { kind: 'unsupported', what: 'DICOM' };
  return { kind: 'unknown' };
}
