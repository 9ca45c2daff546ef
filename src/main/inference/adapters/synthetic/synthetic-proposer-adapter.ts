/**
 * Adapter 'synthetic-proposer': a TEST STAND-IN, not a model. A real VLM cannot be a tiny graph, so the
 * test pack answers the naming questions with the synthetic world's proposer (src/core/synthetic/proposer.ts),
 * an oracle with a hallucination model that knows the scene it is asked about. Given a patch, this adapter
 * finds which synthetic scene (seeds `seedFrom` .. `seedFrom + seedCount - 1`, at the given size) the patch
 * is an exact crop of, and lets that scene's proposer answer. For any other image it answers nothing
 * (no name, no box) and says why in the raw answer, so a run on real photos with the test pack fails
 * visibly instead of inventing names. `sampling: true` makes it the sampling VLM of the synthetic
 * benchmark (a new draw per asking, reproducible from the scene's seed; restart() goes back to the first draw).
 */
import { z } from 'zod';
import type { RgbImage } from '../../../../core/image';
import type { CandidateProposer, ProposalAnswer } from '../../../../core/ports';
import { SyntheticProposer, locatePatch } from '../../../../core/synthetic/proposer';
import { generateScene, type Scene } from '../../../../core/synthetic/scene';
import { parseOptions, type AdapterContext, type AdapterDefinition } from '../adapter-types';

const optionsSchema = z.object({
  seedFrom: z.number().int().min(0).default(0),
  seedCount: z.number().int().min(1).max(100_000).default(1000),
  width: z.number().int().min(8).max(4096).default(128),
  height: z.number().int().min(8).max(4096).default(128),
  sampling: z.boolean().default(false),
});
type Options = z.infer<typeof optionsSchema>;

export class SceneLocatingProposer implements CandidateProposer {
  readonly id: string;
  readonly deterministic: boolean;
  private readonly scenes = new Map<number, { scene: Scene; proposer: SyntheticProposer }>();
  private lastSeed: number | null = null;

  constructor(private readonly options: Options) {
    this.deterministic = !options.sampling;
    this.id = options.sampling ? 'synthetic-proposer, sampling (test stand-in)' : 'synthetic-proposer (test stand-in)';
  }

  restart(): void {
    for (const entry of this.scenes.values()) entry.proposer.restart();
  }

  async propose(patch: RgbImage, taskPrompt: string): Promise<ProposalAnswer> {
    const { seedFrom, seedCount, width, height } = this.options;
    if (patch.width <= width && patch.height <= height) {
      const order = this.lastSeed === null ? [] : [this.lastSeed];
      for (let seed = seedFrom; seed < seedFrom + seedCount; seed++) if (seed !== this.lastSeed) order.push(seed);
      for (const seed of order) {
        const entry = this.scene(seed);
        if (locatePatch(entry.scene.image, patch) !== null) {
          this.lastSeed = seed;
          return entry.proposer.propose(patch, taskPrompt);
        }
      }
    }
    return {
      raw: `synthetic-proposer (test stand-in): this ${patch.width}x${patch.height} patch is not a crop of a synthetic scene (seeds ${seedFrom}..${seedFrom + seedCount - 1}, ${width}x${height}); the stand-in only answers for those`,
      foreground: null,
      background: null,
      box: null,
    };
  }

  private scene(seed: number): { scene: Scene; proposer: SyntheticProposer } {
    let entry = this.scenes.get(seed);
    if (entry === undefined) {
      const scene = generateScene(seed, { width: this.options.width, height: this.options.height });
      entry = { scene, proposer: new SyntheticProposer(scene, { sampling: this.options.sampling }) };
      this.scenes.set(seed, entry);
    }
    return entry;
  }
}

export const syntheticProposerAdapter: AdapterDefinition = {
  id: 'synthetic-proposer',
  description: 'TEST STAND-IN: the synthetic world proposer (an oracle for synthetic scenes), not a model',
  requiresModel: false,
  standIn: true,
  factories: {
    proposer: async (context: AdapterContext) => {
      const options = parseOptions(context, optionsSchema);
      context.record({ role: context.port, path: 'src/core/synthetic/proposer.ts', requestedDevice: context.device, device: 'cpu', fallbackReason: null, loadMs: 0, notes: ['test stand-in: answers only for synthetic scenes'] });
      return new SceneLocatingProposer(options);
    },
  },
};
