// INT runs end to end, as a person uses them: generated 128x128 camouflage scenes, the test model pack
// installed in the data folder, `intseg serve`, a real Chromium tab. The test starts a run from the project
// page, watches per-image progress appear, waits for the run to finish, checks the review order, opens the
// most uncertain image with its iteration explorer (candidates with D scores, the chosen prompt, the heat
// overlay) and keeps screenshots under test-results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScene } from '../../src/core/synthetic/scene';
import { TEST_PACK_NAME, writeTestPack } from '../../scripts/make-test-pack';
import type { ServeProcess } from './support/serve';
import { openServeSession, type ServeSession } from './support/session';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const resultsDir = join(repositoryRoot, 'test-results');
const SCENES = 3;
const ITERATIONS = 2;

describe('INT runs and the iteration explorer in a browser tab through intseg serve', () => {
  let workDir: string;
  let serve: ServeProcess;
  let session: ServeSession | undefined;
  let page: Page;
  let projectId: number;
  let consoleErrors: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'intseg-e2e-runs-'));
    const images = join(workDir, 'images');
    mkdirSync(images);
    for (let seed = 0; seed < SCENES; seed++) {
      const scene = generateScene(seed, { width: 128, height: 128 });
      await sharp(scene.image.data, { raw: { width: 128, height: 128, channels: 3 } }).png().toFile(join(images, `scene-${seed}.png`));
    }
    const data = join(workDir, 'data');
    // Installed as a user would: a pack folder under the data folder's models/.
    writeTestPack(join(data, 'models', TEST_PACK_NAME));
    const created = JSON.parse(
      execFileSync(process.execPath, [join(repositoryRoot, 'bin', 'intseg.mjs'), '--data', data, 'project', 'create', '--name', 'Camouflage', '--task', 'camouflaged animal', '--images', images, '--json'], {
        encoding: 'utf8',
      }),
    ) as { id: number; images: number };
    expect(created.images).toBe(SCENES);
    projectId = created.id;
    mkdirSync(resultsDir, { recursive: true });
    session = await openServeSession(data, { width: 1440, height: 900 });
    ({ serve, page, consoleErrors } = session);
  });

  afterAll(async () => {
    await session?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
    console.log(`e2e runs time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('starts a run from the project page with the installed test pack, labelled as such', async () => {
    await page.goto(`${serve.urlWithToken}#/projects/${projectId}`);
    await page.getByTestId('start-run-button').click();
    const dialog = page.getByTestId('start-run-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('start-run-prompt').textContent()).toBe('camouflaged animal');
    const pack = dialog.locator(`[data-testid="run-pack-option"][data-pack="${TEST_PACK_NAME}"]`);
    await pack.waitFor();
    expect(await pack.getAttribute('data-test-only')).toBe('true');
    expect(await pack.getByTestId('test-pack-badge').textContent()).toBe('TEST PACK');
    expect(await pack.locator('input[type="radio"]').isChecked()).toBe(true);
    expect(await dialog.getByTestId('run-iterations').inputValue()).toBe('5');

    await dialog.getByTestId('run-iterations').fill('0');
    await dialog.getByTestId('start-run-submit').click();
    expect(await dialog.getByTestId('field-error-iterations').textContent()).toMatch(/expected a whole number from 1 to 20, got "0"/);
    await dialog.getByTestId('run-iterations').fill(String(ITERATIONS));
    await page.screenshot({ path: join(resultsDir, 'e2e-runs-start-dialog.png') });
    await dialog.getByTestId('start-run-submit').click();
    await page.getByTestId('run-detail').waitFor();
    expect(page.url()).toMatch(new RegExp(`#/projects/${projectId}/runs/\\d+$`));
  });

  it('shows per-image progress while the run works, then every image done', async () => {
    // The image being segmented shows as running with its iteration and stage (from the job's progress events).
    // (An image shows "starting" for a moment before its first stage.)
    const running = page.locator('[data-testid="run-image-row"][data-state="running"]').filter({ hasText: /iteration \d of 2/ });
    await running.first().waitFor({ timeout: 30_000 });
    await page.getByTestId('run-live').waitFor();
    await page.screenshot({ path: join(resultsDir, 'e2e-runs-progress.png') });

    await page.locator('[data-testid="run-detail"][data-status="done"]').waitFor({ timeout: 90_000 });
    await expect.poll(() => page.locator('[data-testid="run-image-row"][data-state="done"]').count(), { timeout: 15_000 }).toBe(SCENES);
    expect(await page.getByTestId('run-progress-count').textContent()).toBe(`${SCENES} / ${SCENES}`);
    expect(await page.getByTestId('run-test-pack-note').textContent()).toMatch(/Test pack\..*say nothing about real models/);
    await page.screenshot({ path: join(resultsDir, 'e2e-runs-done.png') });
  });

  it('lists the images most uncertain first', async () => {
    await page.getByTestId('run-order-uncertainty').click();
    await expect.poll(() => page.locator('[data-testid="run-image-row"][data-state="done"]').count()).toBe(SCENES);
    const values = await page.getByTestId('run-image-row').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-uncertainty'))));
    expect(values).toHaveLength(SCENES);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(values.every((value) => value >= 0 && value <= 1)).toBe(true);
  });

  it('opens the most uncertain image with its iteration explorer: candidates with D, the chosen prompt, the heat map', async () => {
    await page.getByTestId('run-review').click();
    const explorer = page.getByTestId('iteration-explorer');
    await explorer.waitFor();
    expect(page.url()).toMatch(/\?run=\d+&order=uncertainty&at=0$/);
    await page.locator('[data-testid="iteration-explorer"][data-iteration]:not([data-iteration=""])').waitFor({ timeout: 30_000 });
    const final = Number(await explorer.getAttribute('data-final'));
    expect(Number(await explorer.getAttribute('data-iteration'))).toBe(final);

    const rows = page.getByTestId('candidate-row');
    expect(await rows.count()).toBeGreaterThan(1);
    const scores = await page.getByTestId('candidate-d').allTextContents();
    expect(scores.every((text) => /^(\d+\.\d+|\d\.\de-\d+|0)$/.test(text))).toBe(true);
    const chosenPrompt = (await page.getByTestId('chosen-prompt').textContent()) ?? '';
    expect(chosenPrompt.length).toBeGreaterThan(0);
    const chosenRow = page.locator('[data-testid="candidate-row"][data-chosen="true"]');
    expect(await chosenRow.count()).toBe(1);
    expect(await chosenRow.getAttribute('data-name')).toBe(chosenPrompt);
    // The chosen candidate has the largest D of the iteration.
    const ds = await rows.evaluateAll((elements) => elements.map((element) => Number(element.getAttribute('data-d'))));
    expect(Number(await chosenRow.getAttribute('data-d'))).toBe(Math.max(...ds));
    expect(await page.getByTestId('trace-explanation').textContent()).toContain(`${chosenPrompt} was chosen as the prompt`);
    expect(await page.locator(`[data-testid="name-row"][data-verdict="chosen"]`).getAttribute('data-name')).toBe(chosenPrompt);
    expect(await page.getByTestId('iteration-step').count()).toBe(ITERATIONS);

    // The heat overlay of M_i is drawn: the trace layer's canvas has opaque warm pixels.
    await page.locator('[data-testid="trace-layer"][data-heat="true"]').waitFor({ timeout: 15_000 });
    await expect
      .poll(() =>
        page.getByTestId('trace-layer').evaluate((canvas) => {
          const context = (canvas as HTMLCanvasElement).getContext('2d');
          if (context === null) return 0;
          const { data } = context.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height);
          let warm = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 100 && data[i]! > data[i + 2]!) warm += 1;
          return warm;
        }),
      )
      .toBeGreaterThan(100);
    await page.screenshot({ path: join(resultsDir, 'e2e-runs-explorer.png') });

    // Stepping with the keys changes the iteration; I returns to i*.
    await page.keyboard.press(final === 1 ? ']' : '[');
    await expect.poll(() => explorer.getAttribute('data-iteration')).toBe(String(final === 1 ? 2 : final - 1));
    await page.keyboard.press('i');
    await expect.poll(() => explorer.getAttribute('data-iteration')).toBe(String(final));

    // Picking a candidate shows its raw answer and its box on the canvas.
    await chosenRow.click();
    expect(await page.locator('.candidate-detail').first().textContent()).toMatch(/Answer.*name:/);
    await page.screenshot({ path: join(resultsDir, 'e2e-runs-candidate.png') });
  });

  it('marks the images the run proposed in the grid', async () => {
    await page.goto(`${serve.urlWithToken}#/projects/${projectId}`);
    await expect.poll(() => page.locator('[data-testid="image-grid-cell"][data-status="proposed"]').count(), { timeout: 15_000 }).toBe(SCENES);
    expect(await page.getByTestId('sidebar-run').getByTestId('run-status').getAttribute('data-status')).toBe('done');
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
