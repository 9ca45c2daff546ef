import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../../../../src/core/image';
import { ChatVlmProposer, ChatVlmScorer, chatVlmOptionsSchema } from '../../../../src/main/inference/adapters/vlm/chat-vlm-adapter';
import type { ChatVlmSession } from '../../../../src/main/inference/adapters/vlm/chat-vlm-session';
import { Florence2Proposer, combineFlorence, type Florence2Result, type Florence2Runner, type Florence2Task } from '../../../../src/main/inference/adapters/vlm/florence2-adapter';
import { namingQuestions, proposalFromAnswers } from '../../../../src/main/inference/adapters/vlm/naming';
import { AdapterConfigError } from '../../../../src/main/inference/adapters/adapter-types';
import { checkGenerativeSessions } from '../../../../src/main/inference/adapters/model-files';
import { ContractMismatchError } from '../../../../src/main/inference/runtime/contract';
import type { OrtSession } from '../../../../src/main/inference/runtime/onnx-runtime';
import { answerTokenProbabilities, softmaxAt, teacherForcedScore, type TeacherForcedInput } from '../../../../src/main/inference/adapters/vlm/teacher-forcing';

const patch: RgbImage = { width: 200, height: 100, data: new Uint8Array(200 * 100 * 3) };
const options = chatVlmOptionsSchema.parse({});

/** Answers each question from a script keyed by a word of the question; records every call. */
class ScriptedSession implements ChatVlmSession {
  readonly asked: { question: string; maxNewTokens: number }[] = [];
  readonly forced: { question: string; answer: string }[] = [];
  constructor(
    private readonly script: Record<'describe' | 'name' | 'environment' | 'box', string>,
    private readonly forcing: TeacherForcedInput | null = null,
  ) {}
  async generate(_image: RgbImage, question: string, maxNewTokens: number): Promise<string> {
    this.asked.push({ question, maxNewTokens });
    if (question.startsWith('Describe')) return this.script.describe;
    if (question.includes('environment')) return this.script.environment;
    if (question.includes('bounding box')) return this.script.box;
    return this.script.name;
  }
  async teacherForce(_image: RgbImage, question: string, answer: string): Promise<TeacherForcedInput> {
    this.forced.push({ question, answer });
    if (this.forcing === null) throw new Error('no teacher forcing scripted');
    return this.forcing;
  }
  async dispose(): Promise<void> {}
}

describe('naming questions (INT.md section 4)', () => {
  it('asks for a description, the name, the environment and the box of the task object', () => {
    const q = namingQuestions(' camouflaged animal ');
    expect(q.description).toBe('Describe the camouflaged animal in this image in one sentence.');
    expect(q.name).toContain('name of the camouflaged animal');
    expect(q.name).toContain('one word');
    expect(q.environment).toContain('environment of the camouflaged animal');
    expect(q.box).toContain('[x1, y1, x2, y2]');
  });
});

describe('chat VLM proposer with a scripted session', () => {
  it('parses the first name before "is a" / a quote / a full stop and the first four numbers of the box', async () => {
    const session = new ScriptedSession({ describe: 'A frog sits on moss.', name: 'The frog is a small amphibian.', environment: '"Moss" of a forest', box: 'Sure: [0.1, 0.2, 0.5, 0.9] is the box' });
    const answer = await new ChatVlmProposer(session, options).propose(patch, 'camouflaged animal');
    expect(answer.foreground).toBe('frog');
    expect(answer.background).toBe('moss');
    expect(answer.box).toEqual({ x1: 20, y1: 20, x2: 100, y2: 90 });
    expect(answer.raw).toContain('name: The frog is a small amphibian.');
    expect(session.asked.map((a) => a.maxNewTokens)).toEqual([options.maxDescriptionTokens, options.maxNameTokens, options.maxNameTokens, options.maxBoxTokens]);
  });

  it('rejects a zero-area box and an answer that is a sentence, saying why in the raw answer', async () => {
    const session = new ScriptedSession({ describe: '', name: 'I cannot see any animal hidden in this picture at all', environment: 'Sand.', box: '[0.3, 0.3, 0.3, 0.8]' });
    const answer = await new ChatVlmProposer(session, options).propose(patch, 'camouflaged animal');
    expect(answer.foreground).toBeNull();
    expect(answer.background).toBe('sand');
    expect(answer.box).toBeNull();
    expect(answer.raw).toMatch(/unparsed: name: .*sentence.*; box: zero-area box/);
  });

  it('is deterministic (greedy) so the loop may ask once per patch', () => {
    expect(new ChatVlmProposer(new ScriptedSession({ describe: '', name: '', environment: '', box: '' }), options).deterministic).toBe(true);
  });
});

describe('teacher-forced scoring arithmetic (VLM route)', () => {
  // Vocabulary of 4 tokens, sequence: 2 prompt tokens then the answer tokens [3, 1].
  const logits = Float32Array.from([
    0, 0, 0, 0, // position 0: predicts position 1 (prompt)
    0, 0, 0, Math.log(3), // position 1: predicts the first answer token (3)
    0, Math.log(6), 0, 0, // position 2: predicts the second answer token (1)
    9, 9, 9, 9, // position 3: unused (after the last token)
  ]);
  const input: TeacherForcedInput = { logits, vocabulary: 4, tokenIds: [0, 2, 3, 1], promptLength: 2 };

  it('takes each answer token\'s probability from the previous position\'s softmax', () => {
    const [first, second] = answerTokenProbabilities(input);
    expect(first).toBeCloseTo(3 / 6, 6);
    expect(second).toBeCloseTo(6 / 9, 6);
    expect(softmaxAt(Float32Array.from([1000, 1000]), 0)).toBeCloseTo(0.5, 6);
  });

  it('scores the name by its largest per-token probability', () => {
    expect(teacherForcedScore(input)).toBeCloseTo(6 / 9, 6);
  });

  it('rejects inconsistent inputs', () => {
    expect(() => answerTokenProbabilities({ ...input, promptLength: 4 })).toThrow(/non-empty prompt/);
    expect(() => answerTokenProbabilities({ ...input, tokenIds: [0, 2, 3, 7] })).toThrow(/outside the vocabulary/);
    expect(() => answerTokenProbabilities({ ...input, logits: logits.subarray(0, 6) })).toThrow(/multiple of the vocabulary/);
  });

  it('the scorer teacher-forces the name to the configured question and ignores the vocabulary', async () => {
    const session = new ScriptedSession({ describe: '', name: '', environment: '', box: '' }, input);
    const scorer = new ChatVlmScorer(session, chatVlmOptionsSchema.parse({ answerTemplate: '{}.' }));
    expect(scorer.route).toBe('vlm');
    expect(await scorer.score(patch, ' frog ', ['ignored'])).toBeCloseTo(6 / 9, 6);
    expect(session.forced).toEqual([{ question: options.question, answer: 'frog.' }]);
  });
});

describe('Florence-2 proposer with a scripted runner', () => {
  class ScriptedRunner implements Florence2Runner {
    readonly calls: { task: Florence2Task; text: string | null }[] = [];
    constructor(private readonly results: Record<Florence2Task, Florence2Result>) {}
    async run(_image: RgbImage, task: Florence2Task, text: string | null): Promise<Florence2Result> {
      this.calls.push({ task, text });
      return this.results[task];
    }
    async dispose(): Promise<void> {}
  }

  it('names the object the task prompt grounds with the best-overlapping <OD> label, the background with the largest other box', async () => {
    const runner = new ScriptedRunner({
      '<CAPTION_TO_PHRASE_GROUNDING>': { labels: ['camouflaged animal'], bboxes: [[40, 20, 90, 70]] },
      '<OD>': { labels: ['frog', 'leaf', 'Rocks'], bboxes: [[42, 22, 88, 72], [0, 0, 30, 30], [100, 0, 200, 100]] },
    });
    const answer = await new Florence2Proposer(runner).propose(patch, ' camouflaged animal ');
    expect(runner.calls).toEqual([
      { task: '<CAPTION_TO_PHRASE_GROUNDING>', text: 'camouflaged animal' },
      { task: '<OD>', text: null },
    ]);
    expect(answer.foreground).toBe('frog');
    expect(answer.background).toBe('rock');
    expect(answer.box).toEqual({ x1: 40, y1: 20, x2: 90, y2: 70 });
  });

  it('falls back to the grounded label, or to the first detection when nothing is grounded', () => {
    const grounded = combineFlorence(patch, { labels: ['camouflaged animal'], bboxes: [[40, 20, 90, 70]] }, { labels: ['tree'], bboxes: [[150, 0, 200, 100]] });
    expect(grounded.foreground).toBe('camouflaged animal');
    expect(grounded.background).toBe('tree');
    const ungrounded = combineFlorence(patch, { labels: [], bboxes: [] }, { labels: ['crab', 'sand'], bboxes: [[10, 10, 50, 50], [0, 0, 200, 100]] });
    expect(ungrounded.foreground).toBe('crab');
    expect(ungrounded.box).toEqual({ x1: 10, y1: 10, x2: 50, y2: 50 });
    const nothing = combineFlorence(patch, { labels: [], bboxes: [] }, { labels: [], bboxes: [] });
    expect(nothing).toMatchObject({ foreground: null, background: null, box: null });
  });
});

describe('proposalFromAnswers', () => {
  it('reads pixel boxes when the numbers are not normalised and clips them to the patch', () => {
    const answer = proposalFromAnswers({ description: '', name: 'crab', environment: 'sand', box: '(20, 10) to (260, 80)' }, 200, 100);
    expect(answer.box).toEqual({ x1: 20, y1: 10, x2: 200, y2: 80 });
  });
});

describe('generative VLM contract check at load', () => {
  const session = (inputNames: string[], outputNames: string[]): OrtSession => ({ inputNames, outputNames }) as unknown as OrtSession;

  it('accepts a decoder with logits and a vision encoder taking pixel_values', () => {
    expect(() => checkGenerativeSessions('/m', '_q4', { decoder_model_merged: session(['inputs_embeds'], ['logits', 'present.0.key']), vision_encoder: session(['pixel_values'], ['image_features']) })).not.toThrow();
  });

  it('names the file and what is missing', () => {
    expect(() => checkGenerativeSessions('/m', '_q4', { model: session([], []) })).toThrow(AdapterConfigError);
    expect(() => checkGenerativeSessions('/m', '_q4', { decoder_model_merged: session([], ['hidden']) })).toThrow(/\/m\/onnx\/decoder_model_merged_q4\.onnx does not match its contract:\n {2}- output 'logits': expected a rank-3 tensor, found no such output \(outputs are: hidden\)/);
    expect(() => checkGenerativeSessions('/m', '', { decoder_model_merged: session([], ['logits']), vision_encoder: session(['images'], []) })).toThrow(ContractMismatchError);
  });
});
