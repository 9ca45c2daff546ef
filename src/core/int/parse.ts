/**
 * Parsing of a chat VLM's answers to the naming and box questions (INT.md section 4), for the
 * proposer adapters: "Parse the first name before `is a` / a quote / a full stop; read the first four
 * numbers of the box; reject a zero-area box." Pure functions; the adapters build ProposalAnswer from them.
 */
import type { Box } from '../image';
import { normaliseName } from './names';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Longest answer (in words, after normalisation) still taken as a name (ours): longer answers are sentences. */
export const MAX_NAME_WORDS = 3;

const QUOTES = `"'\`“”‘’`;

/**
 * The first name in a naming answer, normalised.
 * "Frog." -> frog; "a leaf-tailed gecko is a lizard" -> leaf-tailed gecko; '"Moths" are ...' -> moth.
 */
export function parseNameAnswer(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, reason: 'empty answer' };
  let head: string;
  const first = trimmed[0] ?? '';
  if (QUOTES.includes(first)) {
    // A quoted answer: the name is the quoted text (ours: "before a quote" would be empty here).
    const rest = trimmed.slice(1);
    const close = [...rest].findIndex((ch) => QUOTES.includes(ch));
    head = close < 0 ? rest : rest.slice(0, close);
  } else {
    const cut = /\bis an?\b|\bare\b|["'`“”‘’]|\.(?!\d)|\n|,|;|:/.exec(trimmed);
    head = cut === null ? trimmed : trimmed.slice(0, cut.index);
  }
  const name = normaliseName(head);
  if (name.length === 0) return { ok: false, reason: `no name before "is a", a quote or a full stop in ${JSON.stringify(clip(trimmed))}` };
  const words = name.split(' ').length;
  if (words > MAX_NAME_WORDS) {
    return { ok: false, reason: `answer is a sentence (${words} words > ${MAX_NAME_WORDS}): ${JSON.stringify(clip(trimmed))}` };
  }
  return { ok: true, value: name };
}

export type BoxUnits = 'auto' | 'unit' | 'pixels' | 'per-mille';

/**
 * The first four numbers of a box answer as [x1, y1, x2, y2], converted to pixels of a patch of the
 * given size and clipped to it. `auto` (ours): all four in [0, 1] -> normalised, otherwise pixels.
 * Swapped corners are reordered (ours); a zero-area box after clipping is rejected.
 */
export function parseBoxAnswer(text: string, patchWidth: number, patchHeight: number, units: BoxUnits = 'auto'): Parsed<Box> {
  const numbers = (text.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi) ?? []).slice(0, 4).map(Number);
  if (numbers.length < 4) return { ok: false, reason: `box needs four numbers, found ${numbers.length} in ${JSON.stringify(clip(text))}` };
  const [a, b, c, d] = numbers as [number, number, number, number];
  let scale: number;
  if (units === 'unit') scale = 1;
  else if (units === 'per-mille') scale = 1000;
  else if (units === 'pixels') scale = 0;
  else scale = Math.max(a, b, c, d) <= 1 && Math.min(a, b, c, d) >= 0 ? 1 : 0;
  const sx = scale === 0 ? 1 : patchWidth / scale;
  const sy = scale === 0 ? 1 : patchHeight / scale;
  const box = clipBox({ x1: Math.min(a, c) * sx, y1: Math.min(b, d) * sy, x2: Math.max(a, c) * sx, y2: Math.max(b, d) * sy }, patchWidth, patchHeight);
  if (box === null) return { ok: false, reason: `zero-area box [${numbers.join(', ')}] in a ${patchWidth}x${patchHeight} patch` };
  return { ok: true, value: box };
}

/** Rounds a box outwards to integer pixels and clips it to [0, width] x [0, height]; null if nothing is left. */
export function clipBox(box: Box, width: number, height: number): Box | null {
  if (![box.x1, box.y1, box.x2, box.y2].every(Number.isFinite)) return null;
  if (box.x1 === box.x2 || box.y1 === box.y2) return null;
  const x1 = Math.max(0, Math.floor(Math.min(box.x1, box.x2)));
  const y1 = Math.max(0, Math.floor(Math.min(box.y1, box.y2)));
  const x2 = Math.min(width, Math.ceil(Math.max(box.x1, box.x2)));
  const y2 = Math.min(height, Math.ceil(Math.max(box.y1, box.y2)));
  if (x2 <= x1 || y2 <= y1) return null;
  return { x1, y1, x2, y2 };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
