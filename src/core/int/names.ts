/**
 * Name normalisation (INT.md section 2, "Names are normalised"): the key of the PNM memory and the
 * text every model port receives. lower case, trimmed, inner whitespace collapsed, surrounding quotes
 * and trailing punctuation removed, a leading article (a, an, the) removed, last word singular.
 */

/** Words that are the same in singular and plural, or that look plural but are singular. */
const INVARIANT = new Set([
  'fish',
  'sheep',
  'deer',
  'moose',
  'bison',
  'shrimp',
  'squid',
  'salmon',
  'trout',
  'cod',
  'species',
  'series',
  'aircraft',
  'offspring',
  'grass',
  'moss',
  'glass',
  'news',
  'lens',
  'debris',
  'chassis',
  'algae',
  'seaweed',
  'mantis',
  'iris',
  'octopus',
  'platypus',
  'hippopotamus',
  'cactus',
  'fungus',
  'virus',
  'asparagus',
  'hummus',
  'walrus',
  'nautilus',
  'abacus',
  'bus',
  'gas',
  'pancreas',
  'canvas',
  'atlas',
]);

/** Irregular plurals that matter for camouflage, medical and natural-scene vocabularies. */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['mice', 'mouse'],
  ['lice', 'louse'],
  ['geese', 'goose'],
  ['teeth', 'tooth'],
  ['feet', 'foot'],
  ['men', 'man'],
  ['women', 'woman'],
  ['children', 'child'],
  ['people', 'person'],
  ['oxen', 'ox'],
  ['octopi', 'octopus'],
  ['octopuses', 'octopus'],
  ['platypuses', 'platypus'],
  ['cacti', 'cactus'],
  ['cactuses', 'cactus'],
  ['fungi', 'fungus'],
  ['fishes', 'fish'],
  ['larvae', 'larva'],
  ['pupae', 'pupa'],
  ['antennae', 'antenna'],
  ['nuclei', 'nucleus'],
  ['bacteria', 'bacterium'],
  ['criteria', 'criterion'],
  ['phenomena', 'phenomenon'],
  ['leaves', 'leaf'],
  ['wolves', 'wolf'],
  ['calves', 'calf'],
  ['halves', 'half'],
  ['knives', 'knife'],
  ['lives', 'life'],
  ['wives', 'wife'],
  ['loaves', 'loaf'],
  ['shelves', 'shelf'],
  ['thieves', 'thief'],
  ['elves', 'elf'],
  ['selves', 'self'],
  ['scarves', 'scarf'],
  ['hooves', 'hoof'],
  ['wharves', 'wharf'],
  ['dice', 'die'],
  ['mantises', 'mantis'],
  ['mantes', 'mantis'],
  ['irises', 'iris'],
  ['walruses', 'walrus'],
  ['viruses', 'virus'],
  ['buses', 'bus'],
  ['gases', 'gas'],
  ['lenses', 'lens'],
]);

/** Words ending in -oe whose plural is -oes + the e kept (shoes -> shoe), unlike potatoes -> potato. */
const OE_WORDS = new Set(['shoes', 'toes', 'hoes', 'canoes', 'oboes', 'floes', 'foes', 'sloes', 'roes', 'does']);

/** Singular form of one lower-case English noun. Unknown words follow the regular rules. */
export function singularise(word: string): string {
  if (word.length <= 2) return word;
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (INVARIANT.has(word)) return word;
  if (OE_WORDS.has(word)) return word.slice(0, -1);
  // butterflies -> butterfly, flies -> fly; but not "-eies"/"-aies" (rare) or "series" (invariant above).
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  // boxes, finches, bushes, grasses, buzzes -> drop "es".
  if (/(?:ch|sh|ss|x|zz)es$/.test(word)) return word.slice(0, -2);
  // tomatoes, potatoes, heroes, echoes -> drop "es".
  if (word.endsWith('oes')) return word.slice(0, -2);
  // Singular words that end in s: -ss (moss), -us (cactus), -is (mantis), -ous (adjectives), -ys is plural (boys).
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * Normalises a name for the PNM memory and for the model ports. Returns '' when nothing is left
 * (the caller drops such a candidate and records why).
 */
export function normaliseName(raw: string): string {
  let text = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  // Surrounding quotes / brackets and trailing punctuation, repeatedly ("'frogs.'" -> frogs).
  let previous = '';
  while (previous !== text) {
    previous = text;
    text = text
      .replace(/^[\s"'`“”‘’([{<*_-]+/u, '')
      .replace(/[\s"'`“”‘’)\]}>*_.,;:!?-]+$/u, '')
      .trim();
  }
  const words = text.split(' ').filter((word) => word.length > 0);
  while (words.length > 1 && ARTICLES.has(words[0] ?? '')) words.shift();
  if (words.length === 1 && ARTICLES.has(words[0] ?? '')) return '';
  if (words.length === 0) return '';
  const last = words.length - 1;
  words[last] = singularise(words[last] ?? '');
  return words.join(' ');
}
