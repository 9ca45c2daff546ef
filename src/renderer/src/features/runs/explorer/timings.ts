/** An iteration's stage timings in INT order with their share of the total (unknown stages are kept at the end). */
import { INT_STAGES, type IntStage } from '../../../../../core/int/trace';

export interface StageTiming {
  readonly stage: IntStage;
  readonly ms: number;
  /** Share of the iteration's total, 0..1. */
  readonly fraction: number;
}

export function stageTimings(timings: Readonly<Record<string, number>>): { readonly stages: StageTiming[]; readonly total: number } {
  const valueOf = (stage: string): number => {
    const value = timings[stage];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
  };
  const total = Object.keys(timings).reduce((sum, stage) => sum + valueOf(stage), 0);
  const stages = INT_STAGES.map((stage) => ({ stage, ms: valueOf(stage), fraction: total > 0 ? valueOf(stage) / total : 0 }));
  return { stages, total };
}
