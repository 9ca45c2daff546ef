import { describe, expect, it } from 'vitest';
import { binaryMask } from '../../../../src/core/image';
import { maskBounds, parseHexColor, rasterizeMaskOverlay } from '../../../../src/renderer/src/features/canvas/overlayRaster';

/** Builds a mask from rows of '.' and '#'. */
function mask(rows: readonly string[]) {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const result = binaryMask(width, height);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) if (row[x] === '#') result.data[y * width + x] = 1;
  });
  return result;
}

/** Reads back an RGBA block as rows of '.' (transparent) and '#' (opaque in the colour). */
function picture(pixels: Uint8ClampedArray, width: number, height: number, color: { r: number; g: number; b: number }): string[] {
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const [r, g, b, a] = [pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]];
      if (a === 0) row += '.';
      else if (a === 255 && r === color.r && g === color.g && b === color.b) row += '#';
      else row += '?';
    }
    rows.push(row);
  }
  return rows;
}

describe('parseHexColor', () => {
  it('reads #rrggbb in either case', () => {
    expect(parseHexColor('#1F77b4')).toEqual({ r: 0x1f, g: 0x77, b: 0xb4 });
  });

  it('names what it expected when the colour is malformed', () => {
    expect(() => parseHexColor('red')).toThrow(/expected a colour like #1f77b4, got "red"/);
    expect(() => parseHexColor('#fff')).toThrow(RangeError);
  });
});

describe('maskBounds', () => {
  it('finds the tight box', () => {
    expect(maskBounds(mask(['.....', '..#..', '.##..', '.....']))).toEqual({ x: 1, y: 1, width: 2, height: 2 });
  });

  it('covers separate parts', () => {
    expect(maskBounds(mask(['#....', '.....', '....#']))).toEqual({ x: 0, y: 0, width: 5, height: 3 });
  });

  it('is null for an empty mask', () => {
    expect(maskBounds(mask(['...', '...']))).toBeNull();
  });
});

describe('rasterizeMaskOverlay', () => {
  const color = { r: 250, g: 10, b: 128 };

  it('crops to the mask and fills exactly the mask pixels with the colour', () => {
    const overlay = rasterizeMaskOverlay(mask(['......', '.###..', '.#.#..', '.###..', '......']), color);
    expect(overlay?.bounds).toEqual({ x: 1, y: 1, width: 3, height: 3 });
    expect(picture(overlay?.fill ?? new Uint8ClampedArray(), 3, 3, color)).toEqual(['###', '#.#', '###']);
  });

  it('outlines only pixels next to the background, so holes get an inner edge', () => {
    const rows = ['.......', '.#####.', '.#####.', '.##.##.', '.#####.', '.#####.', '.......'];
    const overlay = rasterizeMaskOverlay(mask(rows), color);
    expect(overlay).not.toBeNull();
    if (overlay === null) return;
    expect(picture(overlay.outline, 5, 5, color)).toEqual(['#####', '#.#.#', '##.##', '#.#.#', '#####']);
  });

  it('treats the image border as background for the outline', () => {
    const overlay = rasterizeMaskOverlay(mask(['###', '###', '###']), color);
    expect(picture(overlay?.outline ?? new Uint8ClampedArray(), 3, 3, color)).toEqual(['###', '#.#', '###']);
  });

  it('counts any non-zero value as inside', () => {
    const source = mask(['.#', '..']);
    source.data[1] = 255;
    expect(rasterizeMaskOverlay(source, color)?.bounds).toEqual({ x: 1, y: 0, width: 1, height: 1 });
  });

  it('returns null for an empty mask', () => {
    expect(rasterizeMaskOverlay(mask(['..', '..']), color)).toBeNull();
  });

  it('refuses a mask whose data does not match its size', () => {
    expect(() => rasterizeMaskOverlay({ width: 3, height: 3, data: new Uint8Array(4) }, color)).toThrow(/needs 9 values, got 4/);
  });
});
