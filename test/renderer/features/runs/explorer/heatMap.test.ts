import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEAT_ALPHA,
  HEAT_STOPS,
  buildHeatLut,
  colorizeGrayPixels,
  heatAlphaAt,
  heatColorAt,
  heatGradientCss,
} from '../../../../../src/renderer/src/features/runs/explorer/heatMap';

function bytesOf(word: number): number[] {
  return [...new Uint8Array(new Uint32Array([word]).buffer)];
}

describe('soft mask heat colouring', () => {
  it('interpolates the ramp between stops and clamps outside [0, 1]', () => {
    expect(heatColorAt(HEAT_STOPS, 0)).toEqual({ r: 0x1b, g: 0x0c, b: 0x41 });
    expect(heatColorAt(HEAT_STOPS, 1)).toEqual({ r: 0xfc, g: 0xff, b: 0xa4 });
    expect(heatColorAt(HEAT_STOPS, 2)).toEqual(heatColorAt(HEAT_STOPS, 1));
    const stops = [
      { at: 0, color: '#000000' },
      { at: 1, color: '#ff8040' },
    ];
    expect(heatColorAt(stops, 0.5)).toEqual({ r: 128, g: 64, b: 32 });
    expect(() => heatColorAt([{ at: 0, color: 'red' }], 0)).toThrow(/expected a colour like #bc3754, got "red"/);
  });

  it('fades low values to transparent and reaches full opacity at fadeTo', () => {
    expect(heatAlphaAt(DEFAULT_HEAT_ALPHA, 0)).toBe(0);
    expect(heatAlphaAt(DEFAULT_HEAT_ALPHA, DEFAULT_HEAT_ALPHA.fadeFrom)).toBe(0);
    expect(heatAlphaAt(DEFAULT_HEAT_ALPHA, 0.5)).toBe(DEFAULT_HEAT_ALPHA.max);
    const middle = heatAlphaAt(DEFAULT_HEAT_ALPHA, (DEFAULT_HEAT_ALPHA.fadeFrom + DEFAULT_HEAT_ALPHA.fadeTo) / 2);
    expect(middle).toBeGreaterThan(0);
    expect(middle).toBeLessThan(DEFAULT_HEAT_ALPHA.max);
  });

  it('builds 256 RGBA words in ImageData byte order', () => {
    const lut = buildHeatLut();
    expect(lut).toHaveLength(256);
    expect(lut[0]).toBe(0);
    expect(bytesOf(lut[255] ?? 0)).toEqual([0xfc, 0xff, 0xa4, DEFAULT_HEAT_ALPHA.max]);
    for (let value = 1; value < 256; value++) expect(bytesOf(lut[value] ?? 0)[3]).toBeGreaterThanOrEqual(bytesOf(lut[value - 1] ?? 0)[3] ?? 0);
  });

  it('colours decoded gray pixels in place through the table', () => {
    const pixels = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 255, 128, 128, 128, 255]);
    const lut = buildHeatLut();
    colorizeGrayPixels(pixels, lut);
    expect([...pixels.slice(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...pixels.slice(4, 8)]).toEqual(bytesOf(lut[255] ?? 0));
    expect([...pixels.slice(8, 12)]).toEqual(bytesOf(lut[128] ?? 0));
    expect(() => colorizeGrayPixels(new Uint8ClampedArray(6), lut)).toThrow(/expected RGBA bytes \(a multiple of 4\), got 6/);
  });

  it('writes the legend gradient from the stops', () => {
    expect(heatGradientCss([{ at: 0, color: '#000000' }, { at: 1, color: '#ffffff' }])).toBe('linear-gradient(to right, #000000 0%, #ffffff 100%)');
  });
});
