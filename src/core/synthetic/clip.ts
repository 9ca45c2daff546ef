/**
 * CLIP stand-ins (world.ts, "CLIP image embedding" and "Scorer, CLIP route"): the image embedding is
 * the composition of the image's non-void content over the world's prototypes; a text embedding is a
 * phrase's word weights. Similarity = cosine.
 */
import type { RgbImage } from '../image';
import type { ClipScorer, Scorer } from '../ports';
import { cosine, imageEmbedding, textEmbedding } from './features';
import { LOGIT_SCALE } from './world';

export class SyntheticClipScorer implements ClipScorer {
  readonly id = 'synthetic-clip@world-1';
  private readonly embeddings = new WeakMap<RgbImage, Float32Array>();

  async similarities(images: readonly RgbImage[], name: string): Promise<readonly number[]> {
    const text = textEmbedding(name);
    return images.map((image) => cosine(this.embedding(image), text));
  }

  embedding(image: RgbImage): Float32Array {
    let e = this.embeddings.get(image);
    if (e === undefined) {
      e = imageEmbedding(image);
      this.embeddings.set(image, e);
    }
    return e;
  }
}

/** Score(P, name) = softmax over the vocabulary (plus `name`) of LOGIT_SCALE * cos(e(P), text(v)), at `name`. */
export class SyntheticClipRouteScorer implements Scorer {
  readonly id = 'synthetic-clip-score@world-1';
  readonly route = 'clip' as const;
  private readonly clip = new SyntheticClipScorer();

  async score(image: RgbImage, name: string, vocabulary: readonly string[]): Promise<number> {
    const e = this.clip.embedding(image);
    const names = vocabulary.includes(name) ? vocabulary : [...vocabulary, name];
    const logits = names.map((v) => LOGIT_SCALE * cosine(e, textEmbedding(v)));
    const top = Math.max(...logits);
    let total = 0;
    for (const l of logits) total += Math.exp(l - top);
    return Math.exp(LOGIT_SCALE * cosine(e, textEmbedding(name)) - top) / total;
  }
}

