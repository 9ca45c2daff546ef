import { describe, expect, it } from 'vitest';
import { normaliseName, singularise } from '../../../src/core/int/names';

describe('singularise', () => {
  it.each([
    ['mice', 'mouse'],
    ['octopi', 'octopus'],
    ['octopuses', 'octopus'],
    ['octopus', 'octopus'],
    ['fish', 'fish'],
    ['fishes', 'fish'],
    ['polyps', 'polyp'],
    ['polyp', 'polyp'],
    ['leaves', 'leaf'],
    ['butterflies', 'butterfly'],
    ['moths', 'moth'],
    ['moth', 'moth'],
    ['frogs', 'frog'],
    ['geckos', 'gecko'],
    ['foxes', 'fox'],
    ['finches', 'finch'],
    ['bushes', 'bush'],
    ['grasses', 'grass'],
    ['moss', 'moss'],
    ['mantis', 'mantis'],
    ['mantises', 'mantis'],
    ['cactus', 'cactus'],
    ['cacti', 'cactus'],
    ['wolves', 'wolf'],
    ['caves', 'cave'],
    ['sheep', 'sheep'],
    ['deer', 'deer'],
    ['species', 'species'],
    ['lesions', 'lesion'],
    ['potatoes', 'potato'],
    ['shoes', 'shoe'],
    ['larvae', 'larva'],
    ['geese', 'goose'],
    ['seahorses', 'seahorse'],
    ['flies', 'fly'],
    ['boys', 'boy'],
    ['crabs', 'crab'],
    ['toads', 'toad'],
    ['ladybirds', 'ladybird'],
  ])('%s -> %s', (plural, singular) => {
    expect(singularise(plural)).toBe(singular);
  });
});

describe('normaliseName', () => {
  it.each([
    ['  A Frog. ', 'frog'],
    ['The Moths', 'moth'],
    ['"octopi"', 'octopus'],
    ['an  Owl!', 'owl'],
    ['Leaf-tailed Geckos.', 'leaf-tailed gecko'],
    ['camouflaged animals', 'camouflaged animal'],
    ['Sea Horses;', 'sea horse'],
    ['the', ''],
    ['...', ''],
    ['', ''],
    ['Polyps', 'polyp'],
    ['skin lesions', 'skin lesion'],
  ])('%j -> %j', (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const raw of ['The Mice.', 'butterflies', 'A leaf', 'camouflaged animals']) {
      expect(normaliseName(normaliseName(raw))).toBe(normaliseName(raw));
    }
  });
});
