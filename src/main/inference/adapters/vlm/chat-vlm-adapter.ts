/**
 * Adapter 'chat-vlm': INT's faithful route on a chat VLM (SmolVLM or the Qwen-VL family).
 * - proposer: asks the four naming questions (naming.ts) about the patch, greedy answers, parsed by core.
 * - scorer (VLM route): teacher-forces the answer `name` to the naming question and returns the largest
 *   per-token probability of its tokens (teacher-forcing.ts). The Scorer port receives no task prompt, so
 *   the question is the pack option `question` (default: a task-independent naming question);
 *   `vocabulary` is ignored, as INT.md section 3 says.
 * A generative VLM cannot be a tiny test graph: tests drive these classes with a scripted ChatVlmSession.
 */
import { z } from 'zod';
import type { RgbImage } from '../../../../core/image';
import type { CandidateProposer, ProposalAnswer, Scorer } from '../../../../core/ports';
import { parseOptions, requireModelPath, type AdapterContext, type AdapterDefinition } from '../adapter-types';
import { readModelConfig, requireFiles } from '../model-files';
import { TransformersChatVlmSession, type ChatVlmSession } from './chat-vlm-session';
import { namingQuestions, proposalFromAnswers } from './naming';
import { teacherForcedScore } from './teacher-forcing';

export const chatVlmOptionsSchema = z.object({
  /** Naming question of the scorer ('{}' is not used: the port gives no task prompt). */
  question: z.string().min(1).default('What is the name of the main object in this image? Answer with its name in one word.'),
  /** How the scored answer is written; '{}' is replaced by the name. */
  answerTemplate: z.string().includes('{}').default('{}'),
  maxNameTokens: z.number().int().min(1).max(64).default(8),
  maxDescriptionTokens: z.number().int().min(1).max(256).default(48),
  maxBoxTokens: z.number().int().min(4).max(128).default(32),
});
export type ChatVlmOptions = z.infer<typeof chatVlmOptionsSchema>;

export class ChatVlmProposer implements CandidateProposer {
  readonly id = 'chat-vlm';
  /** Greedy decoding: the same patch gets the same answer. */
  readonly deterministic = true;

  constructor(
    private readonly session: ChatVlmSession,
    private readonly options: ChatVlmOptions,
  ) {}

  async propose(patch: RgbImage, taskPrompt: string): Promise<ProposalAnswer> {
    const questions = namingQuestions(taskPrompt);
    const description = await this.session.generate(patch, questions.description, this.options.maxDescriptionTokens);
    const name = await this.session.generate(patch, questions.name, this.options.maxNameTokens);
    const environment = await this.session.generate(patch, questions.environment, this.options.maxNameTokens);
    const box = await this.session.generate(patch, questions.box, this.options.maxBoxTokens);
    return proposalFromAnswers({ description, name, environment, box }, patch.width, patch.height);
  }
}

export class ChatVlmScorer implements Scorer {
  readonly id = 'chat-vlm';
  readonly route = 'vlm' as const;

  constructor(
    private readonly session: ChatVlmSession,
    private readonly options: ChatVlmOptions,
  ) {}

  async score(image: RgbImage, name: string, _vocabulary: readonly string[]): Promise<number> {
    const answer = this.options.answerTemplate.replace('{}', name.trim());
    return teacherForcedScore(await this.session.teacherForce(image, this.options.question, answer));
  }
}

class SharedSession {
  constructor(readonly session: ChatVlmSession) {}
  dispose(): Promise<void> {
    return this.session.dispose();
  }
}

async function sharedSession(context: AdapterContext): Promise<ChatVlmSession> {
  const folder = requireModelPath(context);
  const shared = await context.shared.get(`chat-vlm|${folder}|${context.dtype}|${context.device}`, async () => {
    requireFiles(folder, ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']);
    readModelConfig(folder, ['smolvlm', 'idefics3', 'qwen2_vl', 'qwen2_5_vl', 'qwen3_vl']);
    const started = Date.now();
    const loaded = await TransformersChatVlmSession.load(folder, context.dtype, context.device);
    context.record({ role: 'chat-vlm (proposer, scorer)', path: folder, requestedDevice: context.device, device: loaded.device, fallbackReason: loaded.fallbackReason, loadMs: Date.now() - started, notes: [] });
    return new SharedSession(loaded.session);
  });
  return shared.session;
}

export const chatVlmAdapter: AdapterDefinition = {
  id: 'chat-vlm',
  description: 'Chat VLM (SmolVLM / Qwen-VL, transformers.js): naming-question proposer and teacher-forced VLM-route scorer',
  requiresModel: true,
  standIn: false,
  factories: {
    proposer: async (context) => {
      const options = parseOptions(context, chatVlmOptionsSchema);
      return new ChatVlmProposer(await sharedSession(context), options);
    },
    scorer: async (context) => {
      const options = parseOptions(context, chatVlmOptionsSchema);
      return new ChatVlmScorer(await sharedSession(context), options);
    },
  },
};
