// The model manager from the command line: packs install from a folder (checked file by file), are
// refused when a file does not match its manifest, load on this machine with the device reported, and
// are found by name by `intseg run`.
import { cpSync, mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestPack } from '../../../scripts/make-test-pack';
import { intseg } from '../../helpers/intseg-cli';


describe('intseg models', () => {
  let root: string;
  let pack: string;
  let data: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'intseg-models-'));
    pack = join(root, 'pack');
    writeTestPack(pack);
    data = join(root, 'data');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('imports a pack folder into the data folder, lists it and refuses a second copy', async () => {
    const imported = await intseg(['--data', data, 'models', 'import', pack, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ name: 'intseg-test-pack', testOnly: true, dir: join(data, 'models', 'intseg-test-pack') });
    const listed = JSON.parse((await intseg(['--data', data, 'models', 'list', '--json'])).stdout) as { packs: { name: string }[] };
    expect(listed.packs.map((entry) => entry.name)).toEqual(['intseg-test-pack']);
    const again = await intseg(['--data', data, 'models', 'import', pack]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/a pack named "intseg-test-pack" is installed/);
  });

  it('refuses a pack whose file does not match its manifest, naming the file, and installs nothing', async () => {
    const broken = join(root, 'broken');
    cpSync(pack, broken, { recursive: true });
    writeFileSync(join(broken, 'models', 'sam2', 'onnx', 'prompt_encoder_mask_decoder.onnx'), 'truncated');
    const refused = await intseg(['--data', data, 'models', 'import', broken, '--name', 'broken']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(refused.stderr).toMatch(/prompt_encoder_mask_decoder\.onnx: size: expected \d+ bytes, found 9/);
    expect(existsSync(join(data, 'models', 'broken'))).toBe(false);
    expect(readdirSync(join(data, 'models')).filter((name) => name.includes('importing'))).toEqual([]);
  });

  it('checks a pack on this machine and reports where each model runs', async () => {
    const checked = await intseg(['--data', data, 'models', 'check', 'intseg-test-pack', '--json']);
    expect(checked.code, checked.stderr).toBe(0);
    const body = JSON.parse(checked.stdout) as { report: { devices: { device: string }[]; fallbacks: string[]; standIns: string[] } };
    expect(body.report.devices.length).toBeGreaterThan(0);
    expect(body.report.devices.every((device) => device.device === 'cpu')).toBe(true);
    expect(body.report.fallbacks).toEqual([]);
    expect(body.report.standIns).toEqual(['proposer']);
  });

  it('removes an installed pack', async () => {
    const removed = await intseg(['--data', data, 'models', 'remove', 'intseg-test-pack', '--json']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(existsSync(join(data, 'models', 'intseg-test-pack'))).toBe(false);
    expect((await intseg(['--data', data, 'models', 'remove', 'intseg-test-pack'])).stderr).toMatch(/no installed model pack named "intseg-test-pack"/);
  });
});
