/**
 * Pages of one listing (a project's images, optionally one status; a run's images), fetched on demand
 * as a virtual grid or list scrolls, so tens of thousands of items load only what is on screen.
 *
 * - ensureRange(first, last) fetches the pages that cover those indices and are missing or stale.
 * - invalidate() (after `projects.changed`) marks every page stale and refetches the visible ones;
 *   stale items stay on screen until their fresh page arrives, so the grid does not flash.
 * - Answers from before an invalidate() are dropped; a page whose total differs from the last one
 *   marks the other pages stale (items may have shifted).
 * - A failed page sets `error` and is not retried until retry(), so a dead server is not hammered.
 *
 * Subscribers are told about every change; `version` increases with each, for useSyncExternalStore.
 */
import type { ImageSummary } from '../../../../shared/dto/images';
import type { AppErrorShape, Result } from '../../../../shared/result';

/** One answer of a paged listing: the total and the items of the asked window. */
export interface ListPage<T> {
  readonly total: number;
  readonly items: readonly T[];
}

export type FetchListPage<T> = (offset: number, limit: number) => Promise<Result<ListPage<T>>>;
export type FetchImagePage = FetchListPage<ImageSummary>;

export class PageCache<T> {
  readonly pageSize: number;
  private readonly fetchPage: FetchListPage<T>;
  private readonly idOf: (item: T) => number;
  private readonly pages = new Map<number, readonly T[]>();
  private readonly stale = new Set<number>();
  private readonly loading = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private lastRange: readonly [number, number] = [0, 0];
  private currentTotal: number | null = null;
  private currentError: AppErrorShape | null = null;
  private currentVersion = 0;
  private disposed = false;

  /** `idOf` names an item, for indexOf. */
  constructor(fetchPage: FetchListPage<T>, pageSize: number, idOf: (item: T) => number) {
    if (!Number.isInteger(pageSize) || pageSize <= 0) throw new RangeError(`page size must be a positive integer, got ${pageSize}`);
    this.fetchPage = fetchPage;
    this.pageSize = pageSize;
    this.idOf = idOf;
  }

  /** Number of items in the listing; null until the first page arrives. */
  get total(): number | null {
    return this.currentTotal;
  }

  get error(): AppErrorShape | null {
    return this.currentError;
  }

  get version(): number {
    return this.currentVersion;
  }

  /** True while any page is being fetched. */
  get busy(): boolean {
    return this.loading.size > 0;
  }

  item(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Index of a loaded item by id, or -1 (used to keep a selection across a refresh). */
  indexOf(id: number): number {
    for (const [page, items] of this.pages) {
      const at = items.findIndex((item) => this.idOf(item) === id);
      if (at >= 0) return page * this.pageSize + at;
    }
    return -1;
  }

  ensureRange(first: number, last: number): void {
    const start = Math.max(0, Math.min(first, last));
    const end = Math.max(start, Math.max(first, last));
    this.lastRange = [start, end];
    if (this.currentError !== null) return;
    const lastPage = this.currentTotal === null ? Math.floor(start / this.pageSize) : Math.floor(Math.max(0, this.currentTotal - 1) / this.pageSize);
    const from = Math.floor(start / this.pageSize);
    const to = Math.min(Math.floor(end / this.pageSize), Math.max(from, lastPage));
    for (let page = from; page <= to; page++) {
      if ((!this.pages.has(page) || this.stale.has(page)) && !this.loading.has(page)) void this.load(page);
    }
  }

  invalidate(): void {
    this.generation += 1;
    this.loading.clear();
    for (const page of this.pages.keys()) this.stale.add(page);
    if (this.pages.size === 0) this.currentTotal = null;
    this.ensureRange(this.lastRange[0], this.lastRange[1]);
  }

  retry(): void {
    this.currentError = null;
    this.notify();
    this.ensureRange(this.lastRange[0], this.lastRange[1]);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops notifying; answers still in flight are dropped. */
  dispose(): void {
    this.disposed = true;
    this.generation += 1;
    this.listeners.clear();
  }

  private async load(page: number): Promise<void> {
    const generation = this.generation;
    this.loading.add(page);
    this.notify();
    const result = await this.fetchPage(page * this.pageSize, this.pageSize);
    if (this.disposed || generation !== this.generation) return;
    this.loading.delete(page);
    if (!result.ok) {
      this.currentError = result.error;
      this.notify();
      return;
    }
    const { total, items } = result.value;
    if (this.currentTotal !== null && total !== this.currentTotal) {
      for (const other of this.pages.keys()) if (other !== page) this.stale.add(other);
    }
    this.currentTotal = total;
    this.pages.set(page, items);
    this.stale.delete(page);
    const pageCount = Math.ceil(total / this.pageSize);
    for (const other of [...this.pages.keys()]) if (other >= pageCount) this.pages.delete(other);
    this.notify();
    this.ensureRange(this.lastRange[0], this.lastRange[1]);
  }

  private notify(): void {
    this.currentVersion += 1;
    for (const listener of [...this.listeners]) listener();
  }
}

/** A project's images (ImageSummary by id). */
export class ImagePageCache extends PageCache<ImageSummary> {
  constructor(fetchPage: FetchImagePage, pageSize = 200) {
    super(fetchPage, pageSize, (image) => image.id);
  }
}
