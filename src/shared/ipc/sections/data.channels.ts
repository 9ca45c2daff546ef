/** Channels of export, import and evaluation. */
export const DATA_REQUEST_CHANNELS = [
  'export.start',
  'export.report',
  'import.start',
  'import.report',
  'eval.sources',
  'eval.start',
  'eval.list',
  'eval.get',
  'eval.images',
  'eval.delete',
] as const;
