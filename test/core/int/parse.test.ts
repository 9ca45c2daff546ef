import { describe, expect, it } from 'vitest';
import { clipBox, parseBoxAnswer, parseNameAnswer } from '../../../src/core/int/parse';

describe('parseNameAnswer', () => {
  it.each([
    ['Frog.', 'frog'],
    ['A leaf-tailed gecko is a lizard that hides on bark.', 'leaf-tailed gecko'],
    ['Moths are masters of disguise', 'moth'],
    ['"Octopi" hide on the seabed', 'octopus'],
    ['crab, half buried in sand', 'crab'],
    ['The butterflies\nin the leaves', 'butterfly'],
  ])('%j -> %j', (text, name) => {
    expect(parseNameAnswer(text)).toEqual({ ok: true, value: name });
  });

  it('rejects empty answers and sentences, saying why', () => {
    const empty = parseNameAnswer('   ');
    expect(empty.ok).toBe(false);
    const sentence = parseNameAnswer('I cannot see any animal in this picture');
    expect(sentence).toMatchObject({ ok: false });
    if (!sentence.ok) expect(sentence.reason).toMatch(/sentence/);
    const nothing = parseNameAnswer('. is a frog');
    expect(nothing.ok).toBe(false);
  });
});

describe('parseBoxAnswer', () => {
  it('reads normalised boxes in a patch', () => {
    expect(parseBoxAnswer('[0.1, 0.2, 0.5, 0.75]', 100, 40)).toEqual({ ok: true, value: { x1: 10, y1: 8, x2: 50, y2: 30 } });
  });
  it('reads pixel boxes and reorders swapped corners', () => {
    expect(parseBoxAnswer('The box is (30, 40, 10, 20) pixels', 100, 100)).toEqual({ ok: true, value: { x1: 10, y1: 20, x2: 30, y2: 40 } });
  });
  it('reads per-mille boxes when told so', () => {
    expect(parseBoxAnswer('<500><0><1000><250>', 200, 100, 'per-mille')).toEqual({ ok: true, value: { x1: 100, y1: 0, x2: 200, y2: 25 } });
  });
  it('rejects fewer than four numbers and zero-area boxes', () => {
    expect(parseBoxAnswer('[0.1, 0.2, 0.3]', 10, 10)).toMatchObject({ ok: false });
    const zero = parseBoxAnswer('[0.5, 0.2, 0.5, 0.9]', 10, 10);
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.reason).toMatch(/zero-area/);
    expect(parseBoxAnswer('[120, 130, 150, 160]', 100, 100)).toMatchObject({ ok: false });
  });
  it('clipBox rounds outwards and clips to the image', () => {
    expect(clipBox({ x1: -3.5, y1: 1.2, x2: 4.1, y2: 20 }, 10, 10)).toEqual({ x1: 0, y1: 1, x2: 5, y2: 10 });
    expect(clipBox({ x1: 2, y1: 2, x2: 2, y2: 5 }, 10, 10)).toBeNull();
    expect(clipBox({ x1: Number.NaN, y1: 2, x2: 4, y2: 5 }, 10, 10)).toBeNull();
  });
});
