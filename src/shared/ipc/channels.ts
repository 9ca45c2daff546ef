/**
 * Channel names of the one IPC contract, as plain data with no dependencies, so that the sandboxed
 * preload can allow-list them without bundling the validation library. contract.ts is checked
 * against these lists at compile time: a channel without a schema, or a schema without a channel,
 * does not compile.
 */
import { RUN_EVENT_CHANNELS, RUN_REQUEST_CHANNELS } from './sections/runs.channels';
import { DATA_REQUEST_CHANNELS } from './sections/data.channels';

export const CHANNEL_PREFIX = 'intseg:';

/** Foundation channels; other sections declare theirs in sections/*.channels.ts (plain data too). */
export const FOUNDATION_REQUEST_CHANNELS = [
  'app.info',
  'app.pickPaths',
  'projects.list',
  'projects.get',
  'projects.create',
  'projects.update',
  'images.list',
  'images.get',
  'images.add',
  'images.verify',
  'masks.forImage',
  'jobs.list',
  'jobs.get',
  'jobs.cancel',
  'jobs.resume',
] as const;

export const REQUEST_CHANNELS = [...FOUNDATION_REQUEST_CHANNELS, ...RUN_REQUEST_CHANNELS, ...DATA_REQUEST_CHANNELS] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const EVENT_CHANNELS = ['jobs.progress', 'projects.changed', ...RUN_EVENT_CHANNELS] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** Kinds of binary assets the renderer loads by id (not through JSON): the image, its thumbnail, an INT iteration's soft mask (8-bit PNG, by iteration id). */
export const ASSET_KINDS = ['image', 'thumb', 'iteration'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}

export function isAssetKind(value: unknown): value is AssetKind {
  return typeof value === 'string' && (ASSET_KINDS as readonly string[]).includes(value);
}
