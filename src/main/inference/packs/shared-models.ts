/**
 * The model cache of one pack load: a model opened for one port is reused by every other port that
 * names the same adapter family, folder, dtype and device. Disposing it releases every session once.
 */
import type { Disposable, SharedModels } from '../adapters/adapter-types';

export class SharedModelCache implements SharedModels {
  private readonly entries = new Map<string, Promise<Disposable>>();

  get<T extends Disposable>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(key);
    if (existing !== undefined) return existing as Promise<T>;
    const created = load();
    this.entries.set(key, created);
    return created;
  }

  /** Disposes every model that loaded; models that failed to load have nothing to release. */
  async dispose(): Promise<void> {
    const loads = [...this.entries.values()];
    this.entries.clear();
    const settled = await Promise.allSettled(loads);
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.dispose() : Promise.resolve())));
  }
}
