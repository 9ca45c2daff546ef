import { describe, expect, it } from 'vitest';
import type { ImageList, ImageSummary } from '../../../../src/shared/dto/images';
import type { Result } from '../../../../src/shared/result';
import { ImagePageCache } from '../../../../src/renderer/src/features/images/imagePageCache';

function image(id: number): ImageSummary {
  return { id, projectId: 1, fileName: `${id}.png`, path: `/d/${id}.png`, width: 4, height: 3, contentHash: 'h', status: 'new', error: null, addedAt: '2025-01-01T00:00:00Z' };
}

/** A fake server: records requests and answers them when told to. */
class FakeServer {
  ids: number[];
  readonly requests: { offset: number; limit: number; answer: (result?: Result<ImageList>) => void }[] = [];
  constructor(count: number) {
    this.ids = Array.from({ length: count }, (_, index) => index + 1);
  }
  fetch = (offset: number, limit: number): Promise<Result<ImageList>> =>
    new Promise((resolve) => {
      this.requests.push({
        offset,
        limit,
        answer: (result) => resolve(result ?? { ok: true, value: { total: this.ids.length, items: this.ids.slice(offset, offset + limit).map(image) } }),
      });
    });
  async answerAll(): Promise<void> {
    const pending = this.requests.splice(0);
    for (const request of pending) request.answer();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('ImagePageCache', () => {
  it('fetches only the pages that cover the visible range', async () => {
    const server = new FakeServer(1000);
    const cache = new ImagePageCache(server.fetch, 100);
    cache.ensureRange(0, 30);
    expect(server.requests.map((request) => request.offset)).toEqual([0]);
    await server.answerAll();
    expect(cache.total).toBe(1000);
    expect(cache.item(30)?.id).toBe(31);
    cache.ensureRange(250, 420);
    expect(server.requests.map((request) => request.offset)).toEqual([200, 300, 400]);
    await server.answerAll();
    expect(cache.item(420)?.id).toBe(421);
    expect(cache.item(150)).toBeUndefined();
  });

  it('after the first page tells the total, fetches the rest of a wide first range', async () => {
    const server = new FakeServer(500);
    const cache = new ImagePageCache(server.fetch, 100);
    cache.ensureRange(0, 250);
    expect(server.requests.map((request) => request.offset)).toEqual([0]);
    await server.answerAll();
    expect(server.requests.map((request) => request.offset)).toEqual([100, 200]);
  });

  it('never asks for pages past the end', async () => {
    const server = new FakeServer(120);
    const cache = new ImagePageCache(server.fetch, 100);
    cache.ensureRange(0, 0);
    await server.answerAll();
    cache.ensureRange(0, 10_000);
    expect(server.requests.map((request) => request.offset)).toEqual([100]);
  });

  it('does not ask twice for a page in flight or loaded', async () => {
    const server = new FakeServer(300);
    const cache = new ImagePageCache(server.fetch, 100);
    cache.ensureRange(0, 10);
    cache.ensureRange(0, 10);
    expect(server.requests).toHaveLength(1);
    await server.answerAll();
    cache.ensureRange(5, 50);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps stale items on screen while refetching after invalidate, and drops older answers', async () => {
    const server = new FakeServer(250);
    const cache = new ImagePageCache(server.fetch, 100);
    cache.ensureRange(0, 0);
    await server.answerAll();
    cache.ensureRange(0, 150);
    const before = server.requests.splice(0);
    expect(before.map((request) => request.offset)).toEqual([100]);
    cache.invalidate();
    // the answer to the request made before the invalidate arrives late and must be ignored
    server.ids = [900, ...server.ids];
    before[0]?.answer({ ok: true, value: { total: 250, items: [image(12345)] } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.item(100)).toBeUndefined();
    expect(cache.item(0)?.id).toBe(1); // stale, still shown
    expect(server.requests.map((request) => request.offset).sort()).toEqual([0, 100]);
    await server.answerAll();
    expect(cache.item(0)?.id).toBe(900);
    expect(cache.total).toBe(251);
  });

  it('finds a loaded image by id', async () => {
    const server = new FakeServer(300);
    const cache = new ImagePageCache(server.fetch, 100);
    cache.ensureRange(0, 299);
    await server.answerAll();
    await server.answerAll();
    expect(cache.indexOf(250)).toBe(249);
    expect(cache.indexOf(9999)).toBe(-1);
  });

  it('stops on an error until retry()', async () => {
    const server = new FakeServer(300);
    const cache = new ImagePageCache(server.fetch, 100);
    cache.ensureRange(0, 10);
    server.requests.splice(0)[0]?.answer({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.error?.message).toBe('disk on fire');
    cache.ensureRange(0, 10);
    expect(server.requests).toHaveLength(0);
    cache.retry();
    expect(cache.error).toBeNull();
    expect(server.requests).toHaveLength(1);
  });

  it('notifies subscribers and bumps the version on every change', async () => {
    const server = new FakeServer(10);
    const cache = new ImagePageCache(server.fetch, 100);
    let calls = 0;
    const stop = cache.subscribe(() => {
      calls += 1;
    });
    const version = cache.version;
    cache.ensureRange(0, 0);
    await server.answerAll();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(cache.version).toBeGreaterThan(version);
    stop();
    cache.invalidate();
    const afterStop = calls;
    await server.answerAll();
    expect(calls).toBe(afterStop);
  });

  it('refuses a nonsensical page size', () => {
    expect(() => new ImagePageCache(new FakeServer(1).fetch, 0)).toThrow(/page size must be a positive integer, got 0/);
  });
});
