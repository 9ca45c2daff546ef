/** The INT algorithm: run it with runInt; everything else is for hosts, adapters and tests. */
export { runInt, IntInputError, type IntResult, type IntRunOptions, type IntProgress } from './loop';
export {
  INT_DEFAULTS,
  PATCH_SCALES,
  IntConfigError,
  intConfig,
  resolveIntConfig,
  validateIntConfig,
  type ConfigIssue,
  type ConfigValidation,
  type IntAblation,
  type IntConfig,
  type IntConfigInput,
  type PatchScale,
} from './config';
export { normaliseName, singularise } from './names';
export { parseBoxAnswer, parseNameAnswer, clipBox, MAX_NAME_WORDS, type BoxUnits, type Parsed } from './parse';
export { patchLayout, type Patch, type PatchName } from './patches';
export { normaliseBoxScores, fuseMasks } from './fusion';
export { argmax, flooredDrop, nameMemory, normaliseDistribution, pnmFactors, rankNames } from './mining';
export { uncertaintyOf } from './uncertainty';
export * from './trace';
export { requiredPorts } from './required-ports';
