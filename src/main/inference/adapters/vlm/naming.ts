/**
 * The naming questions ProMaC and GenSAM ask a chat VLM (INT.md section 4) and the assembly of their
 * answers into a ProposalAnswer. Parsing itself is core's (src/core/int/parse.ts: first name before
 * "is a" / a quote / a full stop, first four numbers of the box, zero-area boxes rejected), so the
 * synthetic proposer stand-in and the real adapters read answers the same way.
 */
import type { ProposalAnswer } from '../../../../core/ports';
import { parseBoxAnswer, parseNameAnswer } from '../../../../core/int/parse';

export interface NamingQuestions {
  readonly description: string;
  readonly name: string;
  readonly environment: string;
  readonly box: string;
}

/** The four questions for a task prompt `k` (e.g. "camouflaged animal"). */
export function namingQuestions(taskPrompt: string): NamingQuestions {
  const k = taskPrompt.trim();
  return {
    description: `Describe the ${k} in this image in one sentence.`,
    name: `What is the name of the ${k} in this image? Answer with its name in one word.`,
    environment: `What is the name of the environment of the ${k} in this image? Answer in one word.`,
    box: `Give the bounding box of the ${k} in this image as normalised coordinates [x1, y1, x2, y2], each between 0 and 1.`,
  };
}

export interface NamingAnswers {
  readonly description: string;
  readonly name: string;
  readonly environment: string;
  readonly box: string;
}

/** A ProposalAnswer from the raw answers; unparsable parts are null and the raw text keeps why. */
export function proposalFromAnswers(answers: NamingAnswers, patchWidth: number, patchHeight: number): ProposalAnswer {
  const name = parseNameAnswer(answers.name);
  const environment = parseNameAnswer(answers.environment);
  const box = parseBoxAnswer(answers.box, patchWidth, patchHeight);
  const problems = [name.ok ? null : `name: ${name.reason}`, environment.ok ? null : `environment: ${environment.reason}`, box.ok ? null : `box: ${box.reason}`].filter((p): p is string => p !== null);
  const raw = [`description: ${answers.description}`, `name: ${answers.name}`, `environment: ${answers.environment}`, `box: ${answers.box}`, ...(problems.length > 0 ? [`unparsed: ${problems.join('; ')}`] : [])].join(' | ');
  return {
    raw,
    foreground: name.ok ? name.value : null,
    background: environment.ok ? environment.value : null,
    box: box.ok ? box.value : null,
  };
}
