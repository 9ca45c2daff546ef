/** Channels of INT runs: start, follow, cancel, and explore a run's trace per image. */
export const RUN_REQUEST_CHANNELS = [] as const;
export const RUN_EVENT_CHANNELS = [] as const;
