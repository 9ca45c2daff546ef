/**
 * The one handler table: every contract channel mapped to a service call, section by section. The
 * router validates input before and output after; handlers translate between records and DTOs.
 */
import type { HandlerTable } from '../router';
import { foundationHandlers } from './foundation';
import { runHandlers } from './runs';
import { dataHandlers } from './data';
import type { HandlerDeps } from './types';

export type { HandlerDeps, HostCapabilities } from './types';

export function createHandlers(deps: HandlerDeps): HandlerTable {
  return { ...foundationHandlers(deps), ...runHandlers(deps), ...dataHandlers(deps) };
}
