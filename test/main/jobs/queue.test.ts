import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { throwIfCancelled } from '../../../src/core/cancel';
import { JobQueue } from '../../../src/main/jobs/queue';
import type { JobEvent, JobHandler } from '../../../src/main/jobs/types';
import { openStorage } from '../../../src/main/storage/storage';
import { openTempStorage, type TempStorage } from '../storage/helpers/temp-storage';

const CounterPayload = z.object({ items: z.number().int().min(0), failAt: z.number().int().optional() }).strict();
type CounterPayload = z.infer<typeof CounterPayload>;

/** A handler whose items wait on a gate the test opens, so the test decides when each item commits. */
class Gate {
  private waiting: Array<() => void> = [];
  private open = false;
  wait(): Promise<void> {
    if (this.open) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    this.open = true;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

interface CounterLog {
  started: number[];
  maxConcurrent: number;
  resumedFlags: boolean[];
}

function counterHandler(kind: string, gate: Gate, log: CounterLog): JobHandler<CounterPayload> {
  let running = 0;
  return {
    kind,
    payload: CounterPayload,
    async run(payload, context) {
      log.started.push(context.jobId);
      log.resumedFlags.push(context.resumed);
      running += 1;
      log.maxConcurrent = Math.max(log.maxConcurrent, running);
      try {
        let committed = 0;
        for (let i = 0; i < payload.items; i += 1) {
          const key = `item-${i}`;
          if (context.storage.jobs.item(context.jobId, key) !== null) {
            committed += 1;
            continue;
          }
          throwIfCancelled(context.cancel);
          await gate.wait();
          if (payload.failAt === i) throw new Error(`item ${i} is broken`);
          context.storage.transaction(() => context.storage.jobs.recordItem(context.jobId, key, 'done'));
          committed += 1;
          context.progress({ done: committed, total: payload.items, message: `item ${i}`, item: { name: key, ok: true } });
        }
        return { committed };
      } finally {
        running -= 1;
      }
    },
  };
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i += 1) await tick();
  if (!condition()) throw new Error('condition not reached');
}

describe('JobQueue', () => {
  let temp: TempStorage;
  let gate: Gate;
  let log: CounterLog;
  let events: JobEvent[];
  let queue: JobQueue;
  beforeEach(() => {
    temp = openTempStorage();
    gate = new Gate();
    log = { started: [], maxConcurrent: 0, resumedFlags: [] };
    events = [];
    queue = new JobQueue(temp.storage, { progressWriteMs: 0 });
    queue.register(counterHandler('count', gate, log));
    queue.onEvent((event) => events.push(event));
  });
  afterEach(async () => {
    gate.release();
    await queue.stop();
    temp.cleanup();
  });

  it('runs a job, emits its events, stores progress and result', async () => {
    queue.start();
    const job = queue.enqueue('count', { items: 3 });
    gate.release();
    await queue.whenIdle();
    expect(temp.storage.jobs.require(job.id)).toMatchObject({ status: 'done', done: 3, total: 3, result: { committed: 3 }, attempts: 1 });
    const mine = events.filter((e) => e.jobId === job.id);
    expect(mine.map((e) => e.status)).toEqual(['queued', 'running', 'running', 'running', 'running', 'done']);
    expect(mine[2]).toMatchObject({ kind: 'count', done: 1, total: 3, message: 'item 0', item: { name: 'item-0', ok: true } });
  });

  it('runs one job at a time per kind, first in first out', async () => {
    const ids = [1, 2, 3].map(() => queue.enqueue('count', { items: 1 }).id);
    queue.start();
    await until(() => log.started.length === 1);
    gate.release();
    await queue.whenIdle();
    expect(log.started).toEqual(ids);
    expect(log.maxConcurrent).toBe(1);
  });

  it('runs several of a kind at once when configured, and different kinds side by side', async () => {
    await queue.stop();
    const wide = new JobQueue(temp.storage, { concurrency: { count: 2 } });
    const otherLog: CounterLog = { started: [], maxConcurrent: 0, resumedFlags: [] };
    wide.register(counterHandler('count', gate, log));
    wide.register(counterHandler('other', gate, otherLog));
    [1, 2, 3].forEach(() => wide.enqueue('count', { items: 1 }));
    wide.enqueue('other', { items: 1 });
    wide.start();
    await until(() => log.started.length === 2 && otherLog.started.length === 1);
    gate.release();
    await wide.whenIdle();
    expect(log.maxConcurrent).toBe(2);
    expect(log.started).toHaveLength(3);
    await wide.stop();
  });

  it('cancels a queued job at once and a running one between items, keeping what it committed', async () => {
    const running = queue.enqueue('count', { items: 5 });
    const waiting = queue.enqueue('count', { items: 5 });
    queue.start();
    await until(() => log.started.length === 1);
    expect(queue.cancel(waiting.id).status).toBe('cancelled');
    expect(queue.cancel(running.id, 'user changed their mind').status).toBe('cancelling');
    gate.release();
    await queue.whenIdle();
    expect(temp.storage.jobs.require(running.id)).toMatchObject({ status: 'cancelled', error: 'user changed their mind' });
    expect(temp.storage.jobs.itemCounts(running.id).done).toBe(1);
    expect(log.started).toEqual([running.id]);
  });

  it('records a failing handler as failed with its message', async () => {
    queue.start();
    const job = queue.enqueue('count', { items: 3, failAt: 1 });
    gate.release();
    await queue.whenIdle();
    expect(temp.storage.jobs.require(job.id)).toMatchObject({ status: 'failed', error: 'item 1 is broken', done: 1 });
  });

  it('validates payloads and kinds when a job is enqueued', () => {
    expect(() => queue.enqueue('count', { items: -1 })).toThrow(/payload of job "count" is invalid at items/);
    expect(() => queue.enqueue('count', { items: 1, extra: true })).toThrow(/invalid/);
    expect(() => queue.enqueue('nope', {})).toThrow(/unknown job kind "nope" \(registered: count\)/);
    expect(temp.storage.jobs.list()).toEqual([]);
  });

  it('after a crash, marks jobs left running as interrupted and resumes them, skipping committed items', async () => {
    // a previous process claimed the job, committed two items, and died
    const job = temp.storage.jobs.create('count', { items: 4 });
    temp.storage.jobs.claim(job.id);
    temp.storage.transaction(() => {
      temp.storage.jobs.recordItem(job.id, 'item-0', 'done');
      temp.storage.jobs.recordItem(job.id, 'item-1', 'done');
    });
    // the next process opens its own connection to the same file
    const reopened = openStorage(temp.file);
    const next = new JobQueue(reopened);
    const nextLog: CounterLog = { started: [], maxConcurrent: 0, resumedFlags: [] };
    next.register(counterHandler('count', gate, nextLog));
    expect(next.recover({ resume: true })).toEqual({ interrupted: [job.id], resumed: [job.id] });
    next.start();
    gate.release();
    await next.whenIdle();
    expect(reopened.jobs.require(job.id)).toMatchObject({ status: 'done', attempts: 2, result: { committed: 4 } });
    expect(reopened.jobs.itemCounts(job.id).done).toBe(4);
    expect(nextLog.resumedFlags).toEqual([true]);
    await next.stop();
    reopened.close();
  });

  it('can leave interrupted jobs for the user to resume or cancel', async () => {
    const a = temp.storage.jobs.create('count', { items: 1 });
    const b = temp.storage.jobs.create('count', { items: 1 });
    temp.storage.jobs.claim(a.id);
    temp.storage.jobs.claim(b.id);
    expect(queue.recover({ resume: false })).toEqual({ interrupted: [a.id, b.id], resumed: [] });
    queue.start();
    await queue.whenIdle();
    expect(log.started).toEqual([]);
    expect(queue.cancel(b.id).status).toBe('cancelled');
    expect(queue.resume(a.id).status).toBe('queued');
    gate.release();
    await queue.whenIdle();
    expect(temp.storage.jobs.require(a.id).status).toBe('done');
    expect(() => queue.resume(a.id)).toThrow(/job \d+ is done; only interrupted, cancelled or failed jobs can be resumed/);
  });

  it('stopping the queue leaves running jobs interrupted, not cancelled', async () => {
    const job = queue.enqueue('count', { items: 3 });
    queue.start();
    await until(() => log.started.length === 1);
    const stopped = queue.stop();
    gate.release();
    await stopped;
    expect(temp.storage.jobs.require(job.id).status).toBe('interrupted');
  });

  it('a throwing event listener does not disturb the queue', async () => {
    queue.onEvent(() => {
      throw new Error('listener bug');
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      queue.start();
      const job = queue.enqueue('count', { items: 1 });
      gate.release();
      await queue.whenIdle();
      expect(temp.storage.jobs.require(job.id).status).toBe('done');
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = original;
    }
  });
});
