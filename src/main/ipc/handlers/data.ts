/** Handlers of the export, import and evaluation channels (contract section data). */
import type { DATA_REQUEST_CHANNELS } from '../../../shared/ipc/sections/data.channels';
import type { HandlerDeps, HandlersFor } from './types';

export function dataHandlers(_deps: HandlerDeps): HandlersFor<(typeof DATA_REQUEST_CHANNELS)[number]> {
  return {};
}
