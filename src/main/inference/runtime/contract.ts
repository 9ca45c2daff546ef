/**
 * Declared input/output contracts of model files, checked against an opened session before any image
 * is processed. A mismatch names the file, the value, what was expected and what was found.
 */

/** Element types as onnxruntime reports them in session metadata. */
export type ContractElementType = 'float32' | 'float16' | 'int64' | 'int32' | 'uint8' | 'bool';

export interface TensorContract {
  readonly name: string;
  /** Expected rank; each dim is free (symbolic) unless `fixedDims` pins some. */
  readonly rank: number;
  /** Accepted element types; empty or absent = any. */
  readonly types?: readonly ContractElementType[];
  /** dims that must have this exact size when the file declares them as numbers, e.g. { 1: 3 } for channels. */
  readonly fixedDims?: Readonly<Record<number, number>>;
  /** An optional input/output may be absent; when present it must match. */
  readonly optional?: boolean;
}

export interface ModelContract {
  readonly inputs: readonly TensorContract[];
  readonly outputs: readonly TensorContract[];
}

/** What a session exposes about one value (a subset of onnxruntime's ValueMetadata). */
export interface ValueDescription {
  readonly name: string;
  readonly type: string | null;
  /** Empty when the file declares no shape. Strings are symbolic dims. */
  readonly shape: readonly (number | string)[];
}

export interface SessionDescription {
  readonly inputs: readonly ValueDescription[];
  readonly outputs: readonly ValueDescription[];
}

export class ContractMismatchError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`model file ${file} does not match its contract:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ContractMismatchError';
  }
}

function describeShape(shape: readonly (number | string)[]): string {
  return shape.length === 0 ? 'no declared shape' : `[${shape.join(', ')}]`;
}

function checkValues(kind: 'input' | 'output', expected: readonly TensorContract[], found: readonly ValueDescription[]): string[] {
  const problems: string[] = [];
  const byName = new Map(found.map((v) => [v.name, v]));
  for (const contract of expected) {
    const value = byName.get(contract.name);
    if (value === undefined) {
      if (contract.optional !== true) {
        problems.push(`${kind} '${contract.name}': expected a rank-${contract.rank} tensor, found no such ${kind} (${kind}s are: ${found.map((v) => v.name).join(', ') || 'none'})`);
      }
      continue;
    }
    if (value.shape.length > 0 && value.shape.length !== contract.rank) {
      problems.push(`${kind} '${contract.name}': expected rank ${contract.rank}, found rank ${value.shape.length} ${describeShape(value.shape)}`);
    }
    const types = contract.types ?? [];
    if (types.length > 0 && value.type !== null && !types.includes(value.type as ContractElementType)) {
      problems.push(`${kind} '${contract.name}': expected type ${types.join(' or ')}, found ${value.type}`);
    }
    for (const [axisText, size] of Object.entries(contract.fixedDims ?? {})) {
      const axis = Number(axisText);
      const dim = value.shape[axis];
      if (typeof dim === 'number' && dim !== size) {
        problems.push(`${kind} '${contract.name}': expected dim ${axis} = ${size}, found ${dim} in ${describeShape(value.shape)}`);
      }
    }
  }
  return problems;
}

/** All mismatches between a session and a contract; an empty list means it matches. */
export function contractProblems(contract: ModelContract, session: SessionDescription): string[] {
  return [...checkValues('input', contract.inputs, session.inputs), ...checkValues('output', contract.outputs, session.outputs)];
}

/** Throws ContractMismatchError naming `file` when the session does not match. */
export function assertContract(file: string, contract: ModelContract, session: SessionDescription): void {
  const problems = contractProblems(contract, session);
  if (problems.length > 0) throw new ContractMismatchError(file, problems);
}
