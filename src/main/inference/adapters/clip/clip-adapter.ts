/**
 * Adapter 'clip': one CLIP pair serves three ports.
 * - scorer (CLIP route, INT.md section 3): softmax over 100 x cosine of `name` among name + vocabulary.
 * - clipScorer: cosine between each (masked) image and the name's prompt.
 * - pointPrompter: SpatialPoints from a (foreground - background) patch similarity map (similarity-points.ts).
 *   Patch features come from the vision export's last_hidden_state when its width equals the embedding
 *   width (projected patch tokens, as the test graphs give); the Xenova split exports return last_hidden_state
 *   BEFORE post-layernorm and projection (768 wide vs 512), which cannot be compared with text embeddings,
 *   so for them the map is built from a grid of overlapping crops, each embedded as an image ('crops').
 *   The load report says which source is used.
 */
import { z } from 'zod';
import type { PointPrompt, RgbImage } from '../../../../core/image';
import type { ClipScorer, PointPrompter, Scorer } from '../../../../core/ports';
import { parseOptions, requireModelPath, type AdapterContext, type AdapterDefinition } from '../adapter-types';
import { ClipPair, dot } from './clip-pair';
import { pointsFromSimilarityMap } from './similarity-points';

const clipOptionsSchema = z.object({
  /** Prompt template; '{}' is replaced by the name. */
  template: z.string().includes('{}').default('a photo of a {}.'),
  /** CLIP's logit scale (exp(logit_scale) = 100 for the OpenAI checkpoints). */
  logitScale: z.number().positive().default(100),
  /** Decision grid of the point prompter (28 in INT) and its positive threshold (0.9). */
  grid: z.number().int().min(2).max(128).default(28),
  threshold: z.number().min(0).max(1).default(0.9),
  maxPointsPerLabel: z.number().int().min(0).default(0),
  /** Where patch features come from: tokens, crops, or auto (tokens when they live in the embedding space). */
  patchSource: z.enum(['auto', 'tokens', 'crops']).default('auto'),
  /** Crops per side for the 'crops' source. */
  cropGrid: z.number().int().min(2).max(16).default(4),
  /**
   * Cell score with patch tokens: cosine (tokens normalised per cell, default) or the dot product of the raw
   * token with the normalised text embedding ('dot', the synthetic world's definition: a cell's share of a name).
   */
  patchScore: z.enum(['cosine', 'dot']).default('cosine'),
});
type ClipOptions = z.infer<typeof clipOptionsSchema>;

function promptFor(options: ClipOptions, name: string): string {
  return options.template.replace('{}', name.trim());
}

async function sharedPair(context: AdapterContext): Promise<ClipPair> {
  const folder = requireModelPath(context);
  return context.shared.get(`clip|${folder}|${context.dtype}|${context.device}`, () =>
    ClipPair.load(folder, context.dtype, context.device, `clip (${context.port})`, (r) => context.record(r)),
  );
}

export class ClipRouteScorer implements Scorer {
  readonly id = 'clip';
  readonly route = 'clip' as const;
  constructor(
    private readonly pair: ClipPair,
    private readonly options: ClipOptions,
  ) {}

  /** Softmax over `vocabulary` (plus `name` when absent; duplicates count as given) of logitScale x cosine, at `name`. */
  async score(image: RgbImage, name: string, vocabulary: readonly string[]): Promise<number> {
    const names = vocabulary.includes(name) ? vocabulary : [...vocabulary, name];
    const embedding = await this.pair.imageEmbedding(image);
    const logitOf = async (candidate: string): Promise<number> => this.options.logitScale * dot(embedding, await this.pair.textEmbedding(promptFor(this.options, candidate)));
    const logits: number[] = [];
    for (const candidate of names) logits.push(await logitOf(candidate));
    const max = Math.max(...logits);
    const total = logits.reduce((sum, l) => sum + Math.exp(l - max), 0);
    return Math.exp((await logitOf(name)) - max) / total;
  }
}

export class ClipSimilarityScorer implements ClipScorer {
  readonly id = 'clip';
  constructor(
    private readonly pair: ClipPair,
    private readonly options: ClipOptions,
  ) {}

  async similarities(images: readonly RgbImage[], name: string): Promise<readonly number[]> {
    const text = await this.pair.textEmbedding(promptFor(this.options, name));
    const out: number[] = [];
    for (const image of images) out.push(dot(await this.pair.imageEmbedding(image), text));
    return out;
  }
}

export class ClipPointPrompter implements PointPrompter {
  readonly id = 'clip';
  constructor(
    private readonly pair: ClipPair,
    private readonly options: ClipOptions,
  ) {}

  async points(image: RgbImage, foreground: readonly string[], background: readonly string[]): Promise<readonly PointPrompt[]> {
    if (foreground.length === 0) return [];
    const fg = await Promise.all(foreground.map((n) => this.pair.textEmbedding(promptFor(this.options, n))));
    const bg = await Promise.all(background.map((n) => this.pair.textEmbedding(promptFor(this.options, n))));
    const cellScore = (features: Float32Array, offset: number): number => mean(fg.map((t) => dot(features, t, offset))) - (bg.length > 0 ? mean(bg.map((t) => dot(features, t, offset))) : 0);

    const useTokens = this.options.patchSource === 'tokens' || (this.options.patchSource === 'auto' && this.pair.hasPatchTokens);
    const grid = useTokens ? await this.pair.patchGrid(image, this.options.patchScore === 'cosine') : null;
    if (this.options.patchSource === 'tokens' && grid === null) {
      throw new Error("CLIP point prompter: patchSource 'tokens' but the vision export has no patch tokens in the embedding space (last_hidden_state width differs from image_embeds)");
    }
    let side: number;
    let map: Float32Array;
    if (grid !== null) {
      side = grid.side;
      map = new Float32Array(side * side);
      for (let cell = 0; cell < side * side; cell++) map[cell] = cellScore(grid.data, cell * grid.dim);
    } else {
      side = this.options.cropGrid;
      map = new Float32Array(side * side);
      for (let cy = 0; cy < side; cy++) {
        for (let cx = 0; cx < side; cx++) {
          const embedding = await this.pair.imageEmbedding(cropCell(image, cx, cy, side));
          map[cy * side + cx] = cellScore(embedding, 0);
        }
      }
    }
    return pointsFromSimilarityMap(map, side, image.width, image.height, this.options);
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}

/** The crop of cell (cx, cy) of a side x side grid, widened to twice the cell so neighbouring crops overlap. */
function cropCell(image: RgbImage, cx: number, cy: number, side: number): RgbImage {
  const cellW = image.width / side;
  const cellH = image.height / side;
  const x1 = Math.max(0, Math.floor((cx - 0.5) * cellW));
  const y1 = Math.max(0, Math.floor((cy - 0.5) * cellH));
  const x2 = Math.min(image.width, Math.ceil((cx + 1.5) * cellW));
  const y2 = Math.min(image.height, Math.ceil((cy + 1.5) * cellH));
  const width = Math.max(1, x2 - x1);
  const height = Math.max(1, y2 - y1);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const start = ((y1 + y) * image.width + x1) * 3;
    data.set(image.data.subarray(start, start + width * 3), y * width * 3);
  }
  return { width, height, data };
}

export const clipAdapter: AdapterDefinition = {
  id: 'clip',
  description: 'CLIP vision + text encoders (transformers.js split export): CLIP-route scorer, ClipScorer, similarity-map point prompter',
  requiresModel: true,
  standIn: false,
  factories: {
    scorer: async (context) => {
      const options = parseOptions(context, clipOptionsSchema);
      return new ClipRouteScorer(await sharedPair(context), options);
    },
    clipScorer: async (context) => {
      const options = parseOptions(context, clipOptionsSchema);
      return new ClipSimilarityScorer(await sharedPair(context), options);
    },
    pointPrompter: async (context) => {
      const options = parseOptions(context, clipOptionsSchema);
      return new ClipPointPrompter(await sharedPair(context), options);
    },
  },
};
