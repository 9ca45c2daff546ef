/** Builds AdapterContexts for adapter tests the way the pack loader does, with a real shared-model cache. */
import { join } from 'node:path';
import type { PortName } from '../../../../src/core/ports';
import type { AdapterContext } from '../../../../src/main/inference/adapters/adapter-types';
import type { ModelLoadRecord } from '../../../../src/main/inference/runtime/devices';
import type { DevicePreference } from '../../../../src/main/inference/runtime/devices';
import type { ModelDtype } from '../../../../src/main/inference/runtime/dtypes';
import { SharedModelCache } from '../../../../src/main/inference/packs/shared-models';

export const FIXTURE_MODELS = join(import.meta.dirname, '../../../fixtures/models');

export interface TestContext {
  readonly context: AdapterContext;
  readonly records: ModelLoadRecord[];
  readonly shared: SharedModelCache;
}

export function testContext(
  port: PortName,
  adapterId: string,
  modelPath: string | null,
  options: Record<string, unknown> = {},
  device: DevicePreference = 'cpu',
  dtype: ModelDtype = 'fp32',
  shared: SharedModelCache = new SharedModelCache(),
): TestContext {
  const records: ModelLoadRecord[] = [];
  const context: AdapterContext = {
    port,
    adapterId,
    manifestFile: '/test/pack.json',
    modelPath,
    dtype,
    device,
    options,
    shared,
    record: (r) => records.push({ ...r, adapterId }),
  };
  return { context, records, shared };
}
