import { describe, expect, it } from 'vitest';
import { INT_DEFAULTS, intConfig, IntConfigError, resolveIntConfig, validateIntConfig } from '../../../src/core/int/config';

describe('INT configuration', () => {
  it("has the paper's defaults", () => {
    expect(INT_DEFAULTS).toMatchObject({
      iterations: 5,
      scales: ['whole', 'halves', 'quarters'],
      reweightW: 0.3,
      eps: 1e-6,
      maskThreshold: 0.5,
      earlyStop: false,
      earlyStopTolerance: 0.003,
      earlyStopPatience: 2,
      route: 'clip',
      ablation: { hcg: true, psnm: true, pnm: true, smg: true },
    });
    expect(validateIntConfig(INT_DEFAULTS)).toEqual({ ok: true, value: INT_DEFAULTS });
  });

  it('fills defaults into partial input, including the ablation switches', () => {
    const config = intConfig({ iterations: 1, ablation: { pnm: false } });
    expect(config.iterations).toBe(1);
    expect(config.ablation).toEqual({ hcg: true, psnm: true, pnm: false, smg: true });
    expect(config.reweightW).toBe(0.3);
  });

  it('names the field, the expected and the found value of every problem', () => {
    const result = resolveIntConfig({ iterations: 0, scales: ['whole', 'thirds', 'whole'], reweightW: 1.5, route: 'sam', ablation: { smg: 'no' }, iteration: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i]));
    expect(byPath.iterations).toEqual({ path: 'iterations', expected: 'an integer in [1, 100]', found: '0' });
    expect(byPath['scales[1]']).toEqual({ path: 'scales[1]', expected: 'whole | halves | quarters', found: '"thirds"' });
    expect(byPath['scales[2]']?.expected).toBe('each scale at most once');
    expect(byPath.reweightW).toEqual({ path: 'reweightW', expected: 'a number in [0, 1]', found: '1.5' });
    expect(byPath.route?.found).toBe('"sam"');
    expect(byPath['ablation.smg']).toEqual({ path: 'ablation.smg', expected: 'a boolean', found: '"no"' });
    expect(byPath.iteration?.expected).toMatch(/no such field/);
  });

  it('rejects missing fields of a complete configuration and non-objects', () => {
    const { eps: _eps, ...withoutEps } = INT_DEFAULTS;
    const result = validateIntConfig(withoutEps);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ path: 'eps', expected: 'a number in (0, 0.01]', found: 'nothing' }]);
    expect(validateIntConfig(null)).toEqual({ ok: false, issues: [{ path: '', expected: 'an object', found: 'null' }] });
    expect(resolveIntConfig({ scales: [] })).toMatchObject({ ok: false, issues: [{ path: 'scales' }] });
  });

  it('intConfig throws an IntConfigError that lists the issues', () => {
    expect(() => intConfig({ maskThreshold: 1 })).toThrow(IntConfigError);
    expect(() => intConfig({ maskThreshold: 1 })).toThrow(/maskThreshold: expected a number in \(0, 1\), found 1/);
  });
});
