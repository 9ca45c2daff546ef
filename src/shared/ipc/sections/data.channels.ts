/** Channels of export, import and evaluation. */
export const DATA_REQUEST_CHANNELS = [] as const;
