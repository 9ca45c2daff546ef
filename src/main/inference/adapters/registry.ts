/**
 * Every adapter a pack can name, by id. A pack entry's `adapter` must be one of these and must serve
 * the port it is listed under.
 */
import type { AdapterDefinition } from './adapter-types';
import { clipAdapter } from './clip/clip-adapter';
import { groundingDinoAdapter } from './grounding-dino/grounding-dino-adapter';
import { lamaAdapter } from './inpainting/lama-adapter';
import { miganAdapter } from './inpainting/migan-adapter';
import { openCvAdapter } from './inpainting/opencv-adapter';
import { sam2Adapter, samAdapter } from './sam/sam-adapter';
import { syntheticProposerAdapter } from './synthetic/synthetic-proposer-adapter';
import { chatVlmAdapter } from './vlm/chat-vlm-adapter';
import { florence2Adapter } from './vlm/florence2-adapter';

export type AdapterRegistry = ReadonlyMap<string, AdapterDefinition>;

export const ADAPTERS: AdapterRegistry = new Map(
  [clipAdapter, groundingDinoAdapter, samAdapter, sam2Adapter, lamaAdapter, miganAdapter, openCvAdapter, florence2Adapter, chatVlmAdapter, syntheticProposerAdapter].map((a) => [a.id, a]),
);
