// The foundation, end to end, as a person uses it: `intseg serve` on a fresh data folder, a real
// Chromium tab, create a project, import images (one corrupt), see the grid, open an image, see
// its mask overlay, and keep a screenshot of each under test-results/.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ServeProcess } from './support/serve';
import { openServeSession, type ServeSession } from './support/session';
import { openStorage } from '../../src/main/storage/storage';
import { databasePath } from '../../src/main/app/data-dir';
import { encodeRle } from '../../src/core/mask/rle';
import { maskArea, maskBbox } from '../../src/core/mask/ops';
import { generateScene, type Scene } from '../../src/core/synthetic/scene';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const fixtures = join(repositoryRoot, 'test', 'fixtures', 'images');
const resultsDir = join(repositoryRoot, 'test-results');

/** Seeds of generated camouflage scenes; the first has a target with a hole, so the overlay shows that holes survive. */
function scenesWithAHoleFirst(count: number): Scene[] {
  const scenes: Scene[] = [];
  for (let seed = 1; scenes.length < count; seed += 1) {
    const scene = generateScene(seed, { width: 640, height: 480 });
    if (scenes.length === 0 && scene.target.shape !== 'holed') continue;
    scenes.push(scene);
  }
  return scenes;
}

describe('IntSeg Studio in a browser tab through intseg serve', () => {
  let workDir: string;
  let serve: ServeProcess;
  let session: ServeSession | undefined;
  let page: Page;
  let scenes: Scene[] = [];
  /** CSP violations, failed requests and uncaught errors all land here; a finished product has none. */
  let consoleErrors: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'intseg-e2e-'));
    const images = join(workDir, 'images');
    mkdirSync(images);
    scenes = scenesWithAHoleFirst(4);
    for (const [index, scene] of scenes.entries()) {
      const raw = sharp(scene.image.data, { raw: { width: scene.width, height: scene.height, channels: 3 } });
      await (index % 2 === 0 ? raw.png() : raw.jpeg({ quality: 92 })).toFile(join(images, `scene-${index + 1}.${index % 2 === 0 ? 'png' : 'jpg'}`));
    }
    for (const name of ['pattern.tiff', 'corrupt-data.png']) copyFileSync(join(fixtures, name), join(images, name));
    mkdirSync(resultsDir, { recursive: true });
    session = await openServeSession(join(workDir, 'data'), { width: 1440, height: 900 });
    ({ serve, page, consoleErrors } = session);
  });

  afterAll(async () => {
    await session?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
    console.log(`e2e foundation run time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('refuses requests without the token', async () => {
    const response = await fetch(`${serve.url}api/invoke/projects.list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    const outside = await fetch(`${serve.url}..%2f..%2fpackage.json`, { headers: { Authorization: `Bearer ${serve.token}` } });
    expect([403, 404]).toContain(outside.status);
  });

  it('creates a project, imports images with one corrupt file reported, and shows the grid', async () => {
    await page.goto(serve.urlWithToken);
    // The build carries its CSP in the page itself, for the desktop window's file:// load.
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("script-src 'self';");
    await page.getByTestId('create-project-button').first().click();
    await page.getByTestId('project-name-input').fill('Chameleons');
    await page.getByTestId('project-prompt-input').fill('camouflaged animal');
    await page.getByTestId('create-project-submit').click();
    await page.getByTestId('project-title').filter({ hasText: 'Chameleons' }).waitFor();

    await page.getByTestId('add-images-button').click();
    await page.getByTestId('add-images-paths').fill(join(workDir, 'images'));
    await page.getByTestId('add-images-submit').click();

    await page.locator('[data-testid="job-progress"][data-job-status="done"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('image-grid-cell').count(), { timeout: 30_000 }).toBe(5);
    await page.getByTestId('job-progress').click();
    await page.getByTestId('job-failure').filter({ hasText: 'corrupt-data.png' }).first().waitFor({ timeout: 30_000 });
    await page.getByTestId('jobs-panel').evaluate((panel) => Promise.all(panel.getAnimations({ subtree: true }).map((animation) => animation.finished)));
    await page.screenshot({ path: join(resultsDir, 'e2e-project-grid.png') });
  });

  it('opens an image and shows its stored mask as an overlay', async () => {
    // A mask arrives in SQLite the way an import or a run would put it there.
    const storage = openStorage(databasePath(serve.dataDir));
    try {
      const [project] = storage.projects.list();
      const image = storage.images.list(project!.id).items.find((item) => item.fileName === 'scene-1.png')!;
      const mask = scenes[0]!.groundTruth;
      const rle = encodeRle(mask);
      storage.annotations.addImported(image.id, {
        author: 'e2e',
        instances: [{ label: 'camouflaged animal', rle: { size: [rle.size[0], rle.size[1]], counts: rle.counts }, area: maskArea(mask), bbox: maskBbox(mask) }],
      });
    } finally {
      storage.close();
    }

    await page.getByTestId('image-grid-cell').filter({ hasText: 'scene-1.png' }).first().dblclick();
    await page.getByTestId('canvas-stage').waitFor();
    await page.getByTestId('instance-item').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('instance-item').count()).toBe(1);
    // The overlay is drawn: the stage's canvas has pixels of the label colour (#1f77b4) blended in.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const canvases = [...document.querySelectorAll('[data-testid="canvas-stage"] canvas')] as HTMLCanvasElement[];
            let tinted = 0;
            for (const canvas of canvases) {
              const context = canvas.getContext('2d');
              if (context === null || canvas.width === 0) continue;
              const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && data[i + 2]! > data[i]! + 40) tinted += 1;
            }
            return tinted;
          }),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(100);
    await page.locator('[data-testid="overlay-layer"][data-ready="true"]').waitFor();
    await page.screenshot({ path: join(resultsDir, 'e2e-image-overlay.png') });
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
