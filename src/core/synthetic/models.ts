/** The pure-TS reference stand-ins for every INT port, for one synthetic scene. */
import type { IntModels } from '../ports';
import { SyntheticClipRouteScorer, SyntheticClipScorer } from './clip';
import { SyntheticDetector } from './detector';
import { SyntheticInpainter } from './inpainter';
import { SyntheticPointPrompter } from './points';
import { SyntheticProposer, type ProposerOptions } from './proposer';
import type { Scene } from './scene';
import { SyntheticSegmenter } from './segmenter';

export function syntheticModels(scene: Scene, proposer: ProposerOptions = {}): IntModels {
  return {
    proposer: new SyntheticProposer(scene, proposer),
    scorer: new SyntheticClipRouteScorer(),
    inpainter: new SyntheticInpainter(),
    detector: new SyntheticDetector(),
    pointPrompter: new SyntheticPointPrompter(),
    segmenter: new SyntheticSegmenter(),
    clipScorer: new SyntheticClipScorer(),
  };
}
