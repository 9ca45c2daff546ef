/**
 * Checks on model folders and model outputs shared by the adapters: required files exist, config.json
 * has the right model_type, a session matches its declared contract, an output is the tensor expected.
 * Every error names the file and says what was expected and what was found.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from '@huggingface/transformers';
import { AdapterConfigError } from './adapter-types';
import { ContractMismatchError, contractProblems, type ModelContract } from '../runtime/contract';
import { describeSession, type OrtSession } from '../runtime/onnx-runtime';

/** Throws naming the first missing file of a model folder. */
export function requireFiles(folder: string, relativePaths: readonly string[]): void {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new AdapterConfigError(folder, 'expected a model folder, found nothing there');
  }
  for (const rel of relativePaths) {
    const file = join(folder, rel);
    if (!existsSync(file)) throw new AdapterConfigError(file, `missing: the model folder needs ${rel}`);
  }
}

export function requireFile(file: string, what: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new AdapterConfigError(file, `missing: expected ${what}`);
}

/** Reads config.json and checks its model_type is one of `accepted`. Returns the parsed object. */
export function readModelConfig(folder: string, accepted: readonly string[]): Record<string, unknown> {
  const file = join(folder, 'config.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AdapterConfigError(file, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AdapterConfigError(file, 'expected a JSON object');
  const config = parsed as Record<string, unknown>;
  const modelType = config['model_type'];
  if (typeof modelType !== 'string' || !accepted.includes(modelType)) {
    throw new AdapterConfigError(file, `expected model_type ${accepted.map((t) => `'${t}'`).join(' or ')}, found ${JSON.stringify(modelType)}`);
  }
  return config;
}

/** Throws ContractMismatchError (naming the file) when a session does not match its contract. */
export function checkSession(file: string, contract: ModelContract, session: OrtSession): void {
  const problems = contractProblems(contract, describeSession(session));
  if (problems.length > 0) throw new ContractMismatchError(file, problems);
}

/** Picks a named output tensor from a model call result. */
export function outputTensor(outputs: unknown, name: string, what: string): Tensor {
  const value = typeof outputs === 'object' && outputs !== null ? (outputs as Record<string, unknown>)[name] : undefined;
  if (!(value instanceof Tensor)) throw new Error(`${what}: expected output '${name}' to be a tensor, found ${value === undefined ? 'nothing' : typeof value}`);
  return value;
}

export function float32Data(tensor: Tensor, what: string): Float32Array {
  const data = tensor.data;
  if (!(data instanceof Float32Array)) throw new Error(`${what}: expected float32 data, found ${tensor.type}`);
  return data;
}

/** The file name transformers.js opens for `onnx/<name>` at a dtype. */
export function onnxFileFor(folder: string, name: string, suffix: string): string {
  return join(folder, 'onnx', `${name}${suffix}.onnx`);
}

/**
 * The part of a generative VLM's contract every adapter relies on (transformers.js layout):
 *   onnx/decoder_model_merged<suffix>.onnx  out: logits float32 [batch, sequence, vocabulary]
 *   onnx/vision_encoder<suffix>.onnx        in:  pixel_values float32 (rank 4, or rank 5 for image splits)
 * The other inputs and outputs (past key values, embeddings) are the library's business.
 */
export function checkGenerativeSessions(folder: string, suffix: string, sessions: Record<string, OrtSession>): void {
  const decoder = sessions['decoder_model_merged'];
  if (decoder === undefined) throw new AdapterConfigError(folder, `expected a decoder_model_merged session (onnx/decoder_model_merged${suffix}.onnx), found sessions: ${Object.keys(sessions).join(', ')}`);
  if (!decoder.outputNames.includes('logits')) {
    throw new ContractMismatchError(onnxFileFor(folder, 'decoder_model_merged', suffix), [`output 'logits': expected a rank-3 tensor, found no such output (outputs are: ${decoder.outputNames.join(', ')})`]);
  }
  const vision = sessions['vision_encoder'];
  if (vision !== undefined && !vision.inputNames.includes('pixel_values')) {
    throw new ContractMismatchError(onnxFileFor(folder, 'vision_encoder', suffix), [`input 'pixel_values': expected an image tensor, found no such input (inputs are: ${vision.inputNames.join(', ')})`]);
  }
}
