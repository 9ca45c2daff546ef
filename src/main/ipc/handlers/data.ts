/** Handlers of the export, import and evaluation channels (contract section data). */
import type { DATA_REQUEST_CHANNELS } from '../../../shared/ipc/sections/data.channels';
import type { HandlerDeps, HandlersFor } from './types';

export function dataHandlers(deps: HandlerDeps): HandlersFor<(typeof DATA_REQUEST_CHANNELS)[number]> {
  const { storage, services } = deps;
  const data = services.data;
  return {
    'export.start': (input, context) => data.startExport(input, context.actor),
    'export.report': ({ jobId }) => data.exportReport(jobId),
    'import.start': (input, context) => data.startImport(input, context.actor),
    'import.report': ({ jobId }) => data.importReport(jobId),
    'eval.sources': ({ projectId }) => data.evaluationSources(projectId),
    'eval.start': (input, context) => data.startEvaluation(input, context.actor),
    'eval.list': ({ projectId }) => {
      storage.projects.require(projectId);
      return storage.evaluations.ofProject(projectId);
    },
    'eval.get': ({ evaluationId }) => storage.evaluations.detail(evaluationId),
    'eval.images': ({ evaluationId, sort, descending, offset, limit }) => storage.evaluations.images(evaluationId, { sort, descending, offset, limit }),
    'eval.delete': ({ evaluationId }, context) => ({ deleted: storage.evaluations.delete(evaluationId, context.actor) }),
  };
}
