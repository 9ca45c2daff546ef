// Evaluation, export and import end to end, as a person uses them: a project of generated camouflage scenes
// with ground truth and a run's soft masks in its data folder, `intseg serve`, a real Chromium tab. The test
// opens the evaluation view from the project page, runs two evaluations as jobs, reads the tables and plots,
// opens an image from the per-image table, exports COCO and imports PNG masks with problems from the dialogs,
// and keeps screenshots under test-results/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BinaryMask } from '../../src/core/image';
import { maskArea, maskBbox } from '../../src/core/mask/ops';
import { encodeRle } from '../../src/core/mask/rle';
import { generateScene, type Scene } from '../../src/core/synthetic/scene';
import { databasePath } from '../../src/main/app/data-dir';
import { openStorage } from '../../src/main/storage/storage';
import type { ServeProcess } from './support/serve';
import { openServeSession, type ServeSession } from './support/session';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const resultsDir = join(repositoryRoot, 'test-results');
const SCENES = 8;

function stored(mask: BinaryMask, label: string, softPng: Uint8Array | null = null) {
  const rle = encodeRle(mask);
  return { label, rle: { size: [rle.size[0], rle.size[1]] as const, counts: rle.counts }, area: maskArea(mask), bbox: maskBbox(mask), softMaskPng: softPng };
}

/**
 * A model's soft mask made from the truth: blurred (a box filter of the given radius), shifted by a few pixels
 * and with a faint false positive, so the scores are good but not perfect and differ from image to image.
 */
function softPrediction(scene: Scene, index: number): Uint8Array {
  const { width, height } = scene;
  const shift = index % 3 === 0 ? 6 : index % 3 === 1 ? 2 : 0;
  const radius = 3 + (index % 4);
  const source = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) source[y * width + x] = scene.groundTruth.data[y * width + Math.max(0, x - shift)]! ? 1 : 0;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let count = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          sum += source[yy * width + xx]!;
          count += 1;
        }
      }
      const falsePositive = x > width * 0.8 && y < height * 0.2 ? 0.35 : 0;
      out[y * width + x] = Math.round(255 * Math.min(1, sum / count + falsePositive * ((x + y + index) % 5) * 0.25));
    }
  }
  return out;
}

describe('evaluation, export and import in a browser tab through intseg serve', () => {
  let workDir: string;
  let serve: ServeProcess;
  let session: ServeSession | undefined;
  let page: Page;
  let projectId: number;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'intseg-e2e-data-'));
    const images = join(workDir, 'images');
    mkdirSync(images);
    const scenes = Array.from({ length: SCENES }, (_, index) => generateScene(100 + index, { width: 320, height: 240 }));
    for (const [index, scene] of scenes.entries()) {
      await sharp(scene.image.data, { raw: { width: scene.width, height: scene.height, channels: 3 } }).png().toFile(join(images, `scene-${index + 1}.png`));
    }
    const data = join(workDir, 'data');
    const created = JSON.parse(
      execFileSync(process.execPath, [join(repositoryRoot, 'bin', 'intseg.mjs'), '--data', data, 'project', 'create', '--name', 'Camouflage', '--task', 'camouflaged animal', '--images', images, '--json'], {
        encoding: 'utf8',
      }),
    ) as { id: number; images: number };
    expect(created.images).toBe(SCENES);
    projectId = created.id;

    // Ground truth and a finished run with soft masks, as `intseg import --as ground-truth` and an INT run leave them.
    const storage = openStorage(databasePath(data));
    try {
      const records = storage.images.list(projectId).items.sort((a, b) => a.fileName.localeCompare(b.fileName, 'en', { numeric: true }));
      const run = storage.runs.create({ projectId, kind: 'int', config: { iterations: 6 }, modelPackId: 'tiny-int', modelPackName: 'tiny-int', imageIds: records.map((record) => record.id) }, 'e2e');
      for (const [index, record] of records.entries()) {
        const scene = scenes[index]!;
        storage.groundTruth.replace(record.id, [stored(scene.groundTruth, 'camouflaged animal')], { actor: 'e2e', sourceFile: `/gt/scene-${index + 1}.png` });
        if (index === SCENES - 1) continue; // the run failed on the last image: it is skipped and listed, not scored as empty
        const soft = softPrediction(scene, index);
        const mask = { width: scene.width, height: scene.height, data: soft.map((value) => (value > 127 ? 1 : 0)) };
        storage.annotations.addRunProposal(record.id, {
          runId: run.id,
          author: 'run',
          instances: [stored(mask, 'camouflaged animal', encode({ width: scene.width, height: scene.height, data: soft, channels: 1, depth: 8 }))],
        });
        storage.runs.finishImage(run.id, record.id, { status: 'done', uncertainty: 0.1 * index, finalIteration: 6 });
      }
      storage.runs.setStatus(run.id, 'done', 'e2e');
    } finally {
      storage.close();
    }

    mkdirSync(resultsDir, { recursive: true });
    session = await openServeSession(data, { width: 1440, height: 1000 });
    ({ serve, page, consoleErrors } = session);
  });

  afterAll(async () => {
    await session?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  it('opens the evaluation view from the project page and runs two evaluations as jobs', async () => {
    await page.goto(`${serve.urlWithToken}#/projects/${projectId}`);
    await page.getByTestId('open-evaluation').click();
    await page.getByTestId('eval-empty').waitFor();

    for (const protocol of ['native', 'paper'] as const) {
      await page.getByTestId('run-eval-button').first().click();
      await page.getByTestId('run-eval-dialog').waitFor();
      expect(await page.getByTestId('eval-source').inputValue()).not.toBe('annotations');
      await page.getByTestId(`eval-protocol-${protocol}`).click();
      if (protocol === 'native') await page.screenshot({ path: join(resultsDir, 'e2e-eval-dialog.png') });
      await page.getByTestId('run-eval-submit').click();
      await page.getByTestId('run-eval-dialog').waitFor({ state: 'detached' });
      await page.locator('[data-testid="evaluation-row"]').nth(protocol === 'native' ? 0 : 1).waitFor({ timeout: 90_000 });
    }

    const rows = page.getByTestId('evaluation-row');
    expect(await rows.count()).toBe(2);
    // Newest first: the paper-protocol evaluation is selected, and compared with COD10K for a camouflage task.
    expect(await page.getByTestId('paper-dataset-select').inputValue()).toBe('cod10k');
    expect(await page.getByTestId('paper-row').count()).toBe(3);
    await expect.poll(() => rows.first().getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('eval-selected-title').textContent()).toContain('Run');
    const firstCells = await rows.first().locator('td').allTextContents();
    expect(firstCells.slice(3, 7).every((text) => /^\d\.\d{3}$/.test(text))).toBe(true);

    // The native evaluation has the soft curves: select it and check that both plots are drawn by uPlot.
    await rows.nth(1).click();
    await page.locator('[data-testid="pr-plot"] canvas').waitFor();
    await page.locator('[data-testid="fm-plot"] canvas').waitFor();
    expect(Number(await page.getByTestId('pr-plot').getAttribute('data-points'))).toBeGreaterThan(20);
    const per = page.getByTestId('per-image-row');
    await expect.poll(() => per.count()).toBe(SCENES - 1);
    await page.getByTestId('eval-problems').locator('summary').click();
    await page.evaluate(() => document.fonts.ready.then(() => true));
    // The view scrolls inside the app frame: a tall window shows the tables and both plots at once.
    await page.setViewportSize({ width: 1440, height: 1640 });
    await page.locator('.eval-page').evaluate((element) => element.scrollTo(0, 0));
    await page.screenshot({ path: join(resultsDir, 'e2e-eval.png') });
    await page.setViewportSize({ width: 1440, height: 1000 });

    // Sorting by S-measure ascending puts the worst image first; a click opens it.
    await page.getByTestId('sort-Sm').click();
    const values = await per.evaluateAll((rowsInTable) => rowsInTable.map((row) => Number(row.querySelectorAll('td')[3]?.textContent)));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await per.first().click();
    await page.getByTestId('canvas-stage').waitFor();
  });

  it('exports COCO and imports PNG masks from the project page, with the report of each', async () => {
    await page.goto(`${serve.urlWithToken}#/projects/${projectId}`);
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-format-coco').click();
    const out = join(workDir, 'export-coco');
    await page.getByTestId('export-out').fill(out);
    await page.getByTestId('export-source').selectOption({ label: 'Current annotations' });
    await page.getByTestId('export-submit').click();
    await page.getByTestId('export-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('export-report').textContent()).toContain(`Exported ${SCENES - 1} images`);
    expect(existsSync(join(out, 'annotations.json'))).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'e2e-export.png') });
    await page.getByTestId('export-close').click();

    const masks = join(workDir, 'masks');
    mkdirSync(masks);
    writeFileSync(join(masks, 'scene-1.png'), encode({ width: 320, height: 240, data: new Uint8Array(320 * 240).fill(255, 0, 320 * 40), channels: 1, depth: 8 }));
    writeFileSync(join(masks, 'scene-2.png'), encode({ width: 32, height: 24, data: new Uint8Array(32 * 24), channels: 1, depth: 8 }));
    writeFileSync(join(masks, 'unknown.png'), encode({ width: 320, height: 240, data: new Uint8Array(320 * 240), channels: 1, depth: 8 }));
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-format-png').click();
    await page.getByTestId('import-path').fill(masks);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    const problems = await page.getByTestId('import-problem').allTextContents();
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/scene-2\.png.*mismatched size: 32x24/);
    expect(problems.join('\n')).toMatch(/unknown\.png.*no project image has this name/);
    await page.screenshot({ path: join(resultsDir, 'e2e-import.png') });
    await page.getByTestId('import-close').click();
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
