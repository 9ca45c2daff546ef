/** Handlers of the run channels (contract section runs). */
import type { RUN_REQUEST_CHANNELS } from '../../../shared/ipc/sections/runs.channels';
import type { HandlerDeps, HandlersFor } from './types';
import { packReportView } from '../../services/models/packs';

export function runHandlers({ services }: HandlerDeps): HandlersFor<(typeof RUN_REQUEST_CHANNELS)[number]> {
  return {
    'runs.start': (input, context) => services.runs.start(input, context.actor),
    'runs.list': ({ projectId }) => services.runs.list(projectId),
    'runs.get': ({ runId }) => services.runs.get(runId),
    'runs.cancel': ({ runId }) => services.runs.cancel(runId),
    'runs.resume': ({ runId }) => services.runs.resume(runId),
    'runs.images': ({ runId, offset, limit, order }) => services.runs.images(runId, offset, limit, order),
    'runs.imageTrace': ({ runId, imageId }) => services.runs.imageTrace(runId, imageId),
    'models.list': () => services.models.list(),
    'models.import': ({ path, name, force }, context) => services.models.import(path, { ...(name !== undefined ? { name } : {}), force }, context.actor),
    'models.remove': ({ pack }, context) => services.models.remove(pack, context.actor),
    'models.check': async ({ pack }) => {
      const checked = await services.models.check(pack);
      const report = packReportView(checked.report) ?? { fallbacks: [], standIns: [], devices: [] };
      const loadMs = typeof checked.report === 'object' && checked.report !== null && 'loadMs' in checked.report ? Number(checked.report.loadMs) : 0;
      return { pack: checked.pack, report, loadMs };
    },
  };
}
