/** Handlers of the run channels (contract section runs). */
import type { RUN_REQUEST_CHANNELS } from '../../../shared/ipc/sections/runs.channels';
import type { HandlerDeps, HandlersFor } from './types';

export function runHandlers(_deps: HandlerDeps): HandlersFor<(typeof RUN_REQUEST_CHANNELS)[number]> {
  return {};
}
