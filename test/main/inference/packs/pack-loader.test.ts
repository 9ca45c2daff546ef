import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { env } from '@huggingface/transformers';
import { PORT_NAMES } from '../../../../src/core/ports';
import { generateScene } from '../../../../src/core/synthetic/scene';
import { loadModelPack, PackError, readPackManifest, type LoadedPack } from '../../../../src/main/inference/packs/pack-loader';
import type { PackManifest } from '../../../../src/main/inference/packs/pack-schema';
import { writeTestPack } from '../../../../scripts/make-test-pack';

const root = mkdtempSync(join(tmpdir(), 'intseg-packs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** A fresh copy of the test pack, optionally with its manifest edited. */
function packCopy(edit?: (manifest: PackManifest & Record<string, unknown>) => void): string {
  const dir = join(root, `pack-${counter++}`);
  writeTestPack(dir);
  if (edit !== undefined) {
    const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as PackManifest & Record<string, unknown>;
    edit(manifest);
    writeFileSync(join(dir, 'pack.json'), JSON.stringify(manifest));
  }
  return dir;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PackError);
  return (error as PackError).problems.map((p) => `${p.file}: ${p.problem}`);
}

describe('the test pack (npm run make-test-pack) through loadModelPack', () => {
  let pack: LoadedPack;
  const fetchCalls: string[] = [];
  const realFetch = globalThis.fetch;
  const realEnvFetch = env.fetch;
  let dir: string;

  beforeAll(async () => {
    const refuse = (input: unknown): never => {
      fetchCalls.push(String(input));
      throw new Error('no network in tests');
    };
    globalThis.fetch = vi.fn(refuse) as unknown as typeof fetch;
    env.fetch = vi.fn(refuse) as unknown as typeof fetch;
    dir = packCopy();
    pack = await loadModelPack(dir, { verifyHashes: true });
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    env.fetch = realEnvFetch;
    await pack.dispose();
  });

  it('loads every port from disk with zero network calls', () => {
    expect(fetchCalls).toEqual([]);
    expect(Object.keys(pack.models).sort()).toEqual([...PORT_NAMES].sort());
    expect(pack.report.pack).toMatchObject({ name: 'intseg-test-pack', testOnly: true });
  });

  it('reports what it opened, the stand-ins, and no fallback on CPU', () => {
    const [proposer, ...models] = pack.report.records;
    expect(proposer).toMatchObject({ role: 'proposer', adapterId: 'synthetic-proposer', path: 'src/core/synthetic/proposer.ts' });
    const files = models.map((r) => r.path.slice(dir.length + 1));
    expect(files).toEqual(['models/clip/onnx/vision_model.onnx', 'models/clip/onnx/text_model.onnx', 'models/migan/migan_pipeline_v2.onnx', 'models/grounding-dino/onnx/model.onnx', 'models/sam2/onnx/vision_encoder.onnx', 'models/sam2/onnx/prompt_encoder_mask_decoder.onnx']);
    expect(pack.report.standIns).toEqual(['proposer']);
    expect(pack.report.fallbacks).toEqual([]);
    expect(pack.report.notLoaded).toEqual([]);
    expect(() => JSON.stringify(pack.report)).not.toThrow();
  });

  it('serves working ports (a scene image through each)', async () => {
    const scene = generateScene(2);
    const { models } = pack;
    expect(models.scorer.route).toBe('clip');
    expect(await models.scorer.score(scene.image, scene.target.name, [scene.target.name, scene.background])).toBeGreaterThan(0);
    expect((await models.detector.detect(scene.image, scene.target.name)).length).toBeGreaterThan(0);
    expect((await models.segmenter.segment(scene.image, { box: scene.target.box, points: [] })).length).toBe(3);
    expect((await models.proposer.propose(scene.image, scene.taskPrompt)).raw.length).toBeGreaterThan(0);
    const filled = await models.inpainter.inpaint(scene.image, scene.groundTruth);
    expect(filled.width).toBe(scene.width);
  });

  it('dispose() is idempotent', async () => {
    const again = await loadModelPack(dir, { ports: ['inpainter'] });
    await again.dispose();
    await again.dispose();
  });
});

describe('loading only the ports a run needs', () => {
  it('leaves the others unloaded; calling them says so', async () => {
    const pack = await loadModelPack(packCopy(), { ports: ['detector'] });
    try {
      expect(pack.report.notLoaded).toEqual(PORT_NAMES.filter((p) => p !== 'detector'));
      expect(pack.report.records.map((r) => r.role)).toEqual(['detector']);
      await expect(pack.models.segmenter.segment({ width: 1, height: 1, data: new Uint8Array(3) }, { box: null, points: [] })).rejects.toThrow(/segmenter port was not loaded/);
    } finally {
      await pack.dispose();
    }
  });

  it('reports a CPU fallback when the pack asks for an unavailable device (onnxruntime and transformers.js paths)', async () => {
    const dir = packCopy((m) => {
      m.ports.scorer = { ...m.ports.scorer!, device: 'dml' };
    });
    const pack = await loadModelPack(dir, { ports: ['inpainter', 'scorer'], device: undefined });
    try {
      expect(pack.report.records.map((r) => [r.requestedDevice, r.device])).toEqual([
        ['dml', 'cpu'],
        ['dml', 'cpu'],
        ['cpu', 'cpu'],
      ]);
    } finally {
      await pack.dispose();
    }
    const forced = await loadModelPack(dir, { ports: ['inpainter'], device: 'cuda' });
    try {
      expect(forced.report.records[0]).toMatchObject({ requestedDevice: 'cuda', device: 'cpu' });
      expect(forced.report.fallbacks[0]).toMatch(/^inpainter \(migan\): cuda unavailable, running on cpu: /);
    } finally {
      await forced.dispose();
    }
  });
});

describe('pack errors, before any image is processed', () => {
  it('names a missing folder and a missing pack.json', async () => {
    expect(await problemsOf(loadModelPack(join(root, 'nowhere')))).toEqual([`${join(root, 'nowhere')}: expected a model pack folder, found nothing there`]);
    const empty = mkdtempSync(join(root, 'empty-'));
    expect(await problemsOf(loadModelPack(empty))).toEqual([`${join(empty, 'pack.json')}: missing: a pack folder must contain pack.json`]);
  });

  it('names malformed JSON', async () => {
    const dir = packCopy();
    writeFileSync(join(dir, 'pack.json'), '{ "format": ');
    const [problem] = await problemsOf(loadModelPack(dir));
    expect(problem).toMatch(new RegExp(`^${join(dir, 'pack.json')}: not valid JSON`));
  });

  it('lists every schema problem with its path', async () => {
    const dir = packCopy((m) => {
      m.format = 'other/2' as never;
      (m.ports.detector as unknown as Record<string, unknown>)['dtype'] = 'fp64';
      (m.ports as Record<string, unknown>)['painter'] = { adapter: 'x' };
      (m.ports.segmenter as unknown as Record<string, unknown>)['model'] = '../outside';
    });
    const problems = await problemsOf(loadModelPack(dir));
    const file = join(dir, 'pack.json');
    expect(problems).toContain(`${file}: format: Invalid input: expected "intseg-pack/1"`);
    expect(problems.some((p) => p.startsWith(`${file}: ports.detector.dtype: `))).toBe(true);
    expect(problems.some((p) => p.startsWith(`${file}: ports: `) && p.includes('painter'))).toBe(true);
    expect(problems).toContain(`${file}: ports.segmenter.model: must stay inside the pack folder (no "..")`);
    expect(() => readPackManifest(dir)).toThrow(PackError);
  });

  it('names a port the run needs but the pack lacks, an unknown adapter and an adapter on the wrong port', async () => {
    const dir = packCopy((m) => {
      delete m.ports.detector;
      m.ports.segmenter = { ...m.ports.segmenter!, adapter: 'sam3000' };
      m.ports.inpainter = { ...m.ports.inpainter!, adapter: 'clip' };
    });
    const problems = await problemsOf(loadModelPack(dir));
    const file = join(dir, 'pack.json');
    expect(problems).toContain(`${file}: ports.detector: missing, and the run needs this port`);
    expect(problems.find((p) => p.includes('ports.segmenter.adapter'))).toMatch(/unknown adapter 'sam3000' \(known: clip, grounding-dino, sam, sam2, lama, migan, opencv-inpaint, florence2, chat-vlm, synthetic-proposer\)/);
    expect(problems).toContain(`${file}: ports.inpainter.adapter: 'clip' does not serve inpainter (it serves scorer, pointPrompter, clipScorer)`);
  });

  it('a port the run does not need may be absent', async () => {
    const dir = packCopy((m) => {
      delete m.ports.proposer;
    });
    const pack = await loadModelPack(dir, { ports: ['inpainter'] });
    await pack.dispose();
  });

  it('names missing model files, wrong sizes and (when asked) wrong hashes', async () => {
    const dir = packCopy();
    rmSync(join(dir, 'models/grounding-dino/onnx/model.onnx'));
    writeFileSync(join(dir, 'models/migan/migan_pipeline_v2.onnx'), 'not a model');
    const problems = await problemsOf(loadModelPack(dir, { verifyHashes: true }));
    expect(problems).toContain(`${join(dir, 'models/grounding-dino/onnx/model.onnx')}: missing: ports.detector.files lists it`);
    expect(problems.find((p) => p.startsWith(join(dir, 'models/migan/migan_pipeline_v2.onnx')) && p.includes('size: expected'))).toMatch(/found 11$/);
    expect(problems.find((p) => p.includes('sha256: expected'))).toBeDefined();
    const missingModel = packCopy((m) => {
      m.ports.segmenter = { ...m.ports.segmenter!, model: 'models/absent', files: [] };
    });
    expect(await problemsOf(loadModelPack(missingModel))).toEqual([`${join(missingModel, 'models/absent')}: missing: ports.segmenter.model names it`]);
  });

  it('names the model file and each contract mismatch when a file does not match its adapter', async () => {
    const dir = packCopy((m) => {
      for (const entry of Object.values(m.ports)) if (entry !== undefined) entry.files = [];
    });
    copyFileSync(join(dir, 'models/clip/onnx/text_model.onnx'), join(dir, 'models/sam2/onnx/vision_encoder.onnx'));
    const problems = await problemsOf(loadModelPack(dir));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${join(dir, 'models/sam2/onnx/vision_encoder.onnx')}: does not match its contract: input 'pixel_values': expected a rank-4 tensor, found no such input (inputs are: input_ids)`);
  });

  it('names a bad adapter option with pack.json and the port', async () => {
    const dir = packCopy((m) => {
      m.ports.detector = { ...m.ports.detector!, options: { boxThreshold: 3 } };
    });
    const [problem] = await problemsOf(loadModelPack(dir, { ports: ['detector'] }));
    expect(problem).toMatch(new RegExp(`^${join(dir, 'pack.json')}: ports\\.detector \\(adapter 'grounding-dino'\\): option 'boxThreshold': `));
  });
});
