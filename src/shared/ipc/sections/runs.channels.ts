/** Channels of INT runs: start, follow, cancel, and explore a run's trace per image; the model packs to run with. */
export const RUN_REQUEST_CHANNELS = ['runs.start', 'runs.list', 'runs.get', 'runs.cancel', 'runs.resume', 'runs.images', 'runs.imageTrace', 'models.list', 'models.import', 'models.remove', 'models.check'] as const;
export const RUN_EVENT_CHANNELS = ['runs.changed'] as const;
