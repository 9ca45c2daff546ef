import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BmpDecodeError, decodeBmp } from '../../../../src/main/imaging/bmp';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/images/${name}`, import.meta.url));

/** Reference pixels: ImageMagick's decoding of the same BMP, saved as PNG next to it. */
async function expectedRgb(name: string): Promise<{ width: number; height: number; data: Uint8Array }> {
  const { data, info } = await sharp(fixture(name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function maxDifference(a: Uint8Array, b: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('decodeBmp', () => {
  it.each([
    ['bmp-24bit', 0],
    ['bmp-32bit-bitfields', 0],
    ['bmp-8bit', 0],
    ['bmp-4bit-odd-width', 0],
    ['bmp-1bit', 0],
    // 5- and 6-bit channels are scaled with rounding; ImageMagick replicates bits: at most 1 apart
    ['bmp-16bit-565', 1],
  ])('decodes %s like ImageMagick does', async (name, tolerance) => {
    const decoded = decodeBmp(readFileSync(fixture(`${name}.bmp`)));
    const expected = await expectedRgb(`${name}.expected.png`);
    expect([decoded.width, decoded.height]).toEqual([expected.width, expected.height]);
    expect(decoded.data.length).toBe(expected.data.length);
    expect(maxDifference(decoded.data, expected.data)).toBeLessThanOrEqual(tolerance);
  });

  it('decodes a top-down BMP (negative height) to the same pixels', () => {
    const bottomUp = new Uint8Array(readFileSync(fixture('bmp-24bit.bmp')));
    const view = new DataView(bottomUp.buffer);
    const width = view.getInt32(18, true);
    const height = view.getInt32(22, true);
    const offset = view.getUint32(10, true);
    const stride = Math.floor((24 * width + 31) / 32) * 4;
    const topDown = new Uint8Array(bottomUp);
    for (let row = 0; row < height; row += 1) {
      topDown.set(bottomUp.subarray(offset + row * stride, offset + (row + 1) * stride), offset + (height - 1 - row) * stride);
    }
    new DataView(topDown.buffer).setInt32(22, -height, true);
    expect(decodeBmp(topDown).data).toEqual(decodeBmp(bottomUp).data);
  });

  it('decodes an OS/2 core-header BMP (12-byte header, 3-byte palette entries)', () => {
    // 3x2, 8 bits per pixel, palette: 0 black, 1 red, 2 green; bottom row first
    const palette = [0, 0, 0, 0, 0, 255, 0, 255, 0];
    const rows = [
      [2, 2, 2, 0],
      [1, 0, 1, 0],
    ];
    const header = 14 + 12;
    const offset = header + palette.length;
    const bytes = new Uint8Array(offset + 8);
    const view = new DataView(bytes.buffer);
    bytes.set([0x42, 0x4d]);
    view.setUint32(2, bytes.length, true);
    view.setUint32(10, offset, true);
    view.setUint32(14, 12, true);
    view.setUint16(18, 3, true);
    view.setInt16(20, 2, true);
    view.setUint16(22, 1, true);
    view.setUint16(24, 8, true);
    bytes.set(palette, header);
    bytes.set(rows.flat(), offset);
    const decoded = decodeBmp(bytes);
    expect(decoded).toMatchObject({ width: 3, height: 2 });
    expect([...decoded.data]).toEqual([255, 0, 0, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0]);
  });

  it('refuses RLE compression with a clear error', () => {
    expect(() => decodeBmp(readFileSync(fixture('bmp-rle8.bmp')))).toThrow(/compression RLE8 is not supported.*convert the file to PNG/);
  });

  it('refuses truncated, empty and foreign files', () => {
    const whole = readFileSync(fixture('bmp-24bit.bmp'));
    expect(() => decodeBmp(whole.subarray(0, whole.length - 20))).toThrow(/truncated: 7x5 at 24 bits needs \d+ bytes, the file has \d+/);
    expect(() => decodeBmp(whole.subarray(0, 20))).toThrow(BmpDecodeError);
    expect(() => decodeBmp(new Uint8Array(0))).toThrow(/empty/);
    expect(() => decodeBmp(readFileSync(fixture('pattern.png')))).toThrow(/not a BMP/);
  });

  it('refuses a palette index beyond the palette', () => {
    const bytes = new Uint8Array(readFileSync(fixture('bmp-8bit.bmp')));
    const view = new DataView(bytes.buffer);
    view.setUint32(46, 4, true); // colours used: 4
    expect(() => decodeBmp(bytes)).toThrow(/palette index \d+, but the palette has 4 colours/);
  });
});
