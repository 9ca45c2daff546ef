import { describe, expect, it } from 'vitest';
import { rgbImage } from '../../../src/core/image';
import { analyse, boxAverage, imageEmbedding, PROTOTYPE_COUNT } from '../../../src/core/synthetic/features';
import { generateScene } from '../../../src/core/synthetic/scene';

describe('world pixel features', () => {
  it('box-averages only the pixels inside the image (count_include_pad = 0)', () => {
    const values = Float32Array.from([1, 2, 3, 4, 5, 6]); // 3 x 2
    const out = boxAverage(values, 3, 2, 1);
    expect([...out]).toEqual([3, 3.5, 4, 3, 3.5, 4]);
  });

  it('is brightness-invariant: darkening by 0.7 keeps chroma and texture of non-void pixels', () => {
    const scene = generateScene(3, { width: 64, height: 64 });
    const dark = rgbImage(64, 64, Uint8Array.from(scene.image.data, (v) => Math.round(v * 0.7)));
    const a = analyse(scene.image);
    const b = analyse(dark);
    const n = 64 * 64;
    let worst = 0;
    for (let i = 0; i < 4 * n; i++) worst = Math.max(worst, Math.abs(a.phi[i]! - b.phi[i]!));
    expect(worst).toBeLessThan(0.05); // 8-bit rounding of the darker image only
    expect(Math.max(...b.voidness)).toBeLessThan(0.2);
  });

  it('treats black as void and gives it no prototype', () => {
    const black = analyse(rgbImage(8, 8));
    expect(Math.min(...black.voidness)).toBeGreaterThan(0.999);
    expect(Math.max(...black.assign)).toBeLessThan(1e-3);
  });

  it('embeds a masked image exactly as analysing all of it would', () => {
    const scene = generateScene(5, { width: 64, height: 64 });
    const masked = rgbImage(64, 64, Uint8Array.from(scene.image.data, (v, p) => (scene.groundTruth.data[Math.floor(p / 3)] === 1 ? v : 0)));
    const embedding = imageEmbedding(masked);
    const full = analyse(masked);
    const n = 64 * 64;
    for (let j = 0; j < PROTOTYPE_COUNT; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += full.assign[j * n + i]!;
      expect(embedding[j]).toBeCloseTo(sum / n, 6);
    }
    expect(embedding[PROTOTYPE_COUNT]).toBeCloseTo(full.voidness.reduce((a, b) => a + b, 0) / n, 6);
  });
});
