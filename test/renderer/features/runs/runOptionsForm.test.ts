import { describe, expect, it } from 'vitest';
import {
  ABLATION_INFO,
  PAPER_DEFAULT_FORM,
  formFromOptions,
  formToOptions,
  isPaperDefault,
  patchCount,
  toggleAblation,
  toggleScale,
} from '../../../../src/renderer/src/features/runs/runOptionsForm';
import { RunOptions } from '../../../../src/shared/dto/runs';

describe('start-run form', () => {
  it('starts from the paper defaults: CLIP route, 5 iterations, all 9 patches, every module, no early stop', () => {
    expect(PAPER_DEFAULT_FORM).toEqual({ route: 'clip', iterations: '5', scales: ['whole', 'halves', 'quarters'], ablate: [], earlyStop: false });
    expect(isPaperDefault(PAPER_DEFAULT_FORM)).toBe(true);
    expect(patchCount(PAPER_DEFAULT_FORM.scales)).toBe(9);
  });

  it('turns the form into options the contract accepts', () => {
    const result = formToOptions({ ...PAPER_DEFAULT_FORM, iterations: ' 3 ', ablate: ['pnm'] });
    expect(result).toEqual({ ok: true, options: { route: 'clip', iterations: 3, scales: ['whole', 'halves', 'quarters'], ablate: ['pnm'], earlyStop: false } });
    if (result.ok) expect(RunOptions.safeParse(result.options).success).toBe(true);
  });

  it('refuses iteration counts outside 1..20 and an empty scale list, saying what it found', () => {
    for (const typed of ['', '0', '21', '2.5', 'five', '-1']) {
      const result = formToOptions({ ...PAPER_DEFAULT_FORM, iterations: typed });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.iterations).toMatch(/expected a whole number from 1 to 20, got/);
    }
    const noScales = formToOptions({ ...PAPER_DEFAULT_FORM, scales: [] });
    expect(noScales).toEqual({ ok: false, errors: { scales: 'choose at least one patch scale' } });
  });

  it('toggles scales and modules in the canonical order, and leaves the defaults', () => {
    const withoutHalves = toggleScale(PAPER_DEFAULT_FORM, 'halves');
    expect(withoutHalves.scales).toEqual(['whole', 'quarters']);
    expect(toggleScale(withoutHalves, 'halves').scales).toEqual(['whole', 'halves', 'quarters']);
    const ablated = toggleAblation(toggleAblation(PAPER_DEFAULT_FORM, 'smg'), 'hcg');
    expect(ablated.ablate).toEqual(['hcg', 'smg']);
    expect(isPaperDefault(ablated)).toBe(false);
    expect(isPaperDefault({ ...PAPER_DEFAULT_FORM, route: 'vlm' })).toBe(false);
  });

  it('repeats a run from its options', () => {
    const options = { route: 'vlm', iterations: 2, scales: ['whole'], ablate: ['psnm'], earlyStop: true } as const;
    const form = formFromOptions({ ...options, scales: [...options.scales], ablate: [...options.ablate] });
    expect(formToOptions(form)).toEqual({ ok: true, options });
  });

  it('explains every ablation with the paper MAE, all worse than full INT', () => {
    for (const info of Object.values(ABLATION_INFO)) {
      expect(info.whenOff.length).toBeGreaterThan(20);
      expect(info.paperMae).toBeGreaterThan(0.039);
    }
  });
});
