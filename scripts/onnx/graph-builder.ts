/**
 * A tiny, deterministic graph-building API over the ONNX schema: declare inputs, constants and nodes,
 * mark outputs, and serialise to the bytes of an .onnx file (IR version 8, default-domain opset 17).
 * Node and value names are derived from a counter, so the same build calls give the same bytes.
 *
 * Opset-17 reminders (see MODELS.md): ReduceMean/ReduceMax take `axes` as an attribute, while
 * ReduceSum, Unsqueeze and Squeeze take them as an int64 input; Resize with `sizes` needs empty
 * names for `roi` and `scales`. The helpers below encode those rules so a caller cannot mix them up.
 */
import { ModelProtoType, ONNX_ATTRIBUTE_TYPE, ONNX_DATA_TYPE, type OnnxElementType } from './onnx-schema';

export const IR_VERSION = 8;
export const OPSET_VERSION = 17;

/** A dimension: a fixed size or a symbolic name such as 'batch_size'. */
export type Dim = number | string;

export type AttributeValue = number | string | readonly number[] | readonly string[] | { readonly float: number } | { readonly floats: readonly number[] };

/** Handle to a value in the graph (an input, an initializer or a node output). */
export interface Value {
  readonly name: string;
}

interface TensorMessage {
  dims: number[];
  dataType: number;
  name: string;
  rawData: Uint8Array;
}

interface AttributeMessage {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

interface NodeMessage {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  attribute: AttributeMessage[];
}

interface ValueInfoMessage {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: ({ dimValue: number } | { dimParam: string })[] } } };
}

const textEncoder = new TextEncoder();

export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? 0, true);
  return bytes;
}

export function int64Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i] ?? 0), true);
  return bytes;
}

function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, d) => product * d, 1);
}

function valueInfo(name: string, type: OnnxElementType, dims: readonly Dim[]): ValueInfoMessage {
  return {
    name,
    type: {
      tensorType: {
        elemType: ONNX_DATA_TYPE[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): AttributeMessage {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer; pass { float: ${value} } for a float`);
    return { name, type: ONNX_ATTRIBUTE_TYPE.int, i: value };
  }
  if (typeof value === 'string') return { name, type: ONNX_ATTRIBUTE_TYPE.string, s: textEncoder.encode(value) };
  if ('float' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.float, f: value.float };
  if ('floats' in value) return { name, type: ONNX_ATTRIBUTE_TYPE.floats, floats: [...value.floats] };
  if (value.length > 0 && typeof value[0] === 'string') {
    return { name, type: ONNX_ATTRIBUTE_TYPE.strings, strings: (value as readonly string[]).map((s) => textEncoder.encode(s)) };
  }
  const ints = value as readonly number[];
  for (const v of ints) if (!Number.isInteger(v)) throw new Error(`attribute ${name}: ints must be integers, got ${v}`);
  return { name, type: ONNX_ATTRIBUTE_TYPE.ints, ints: [...ints] };
}

export class GraphBuilder {
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: TensorMessage[] = [];
  private readonly inputs: ValueInfoMessage[] = [];
  private readonly outputs: ValueInfoMessage[] = [];
  /** Initializers by content, so repeated constants (axes, pads, scalars) are stored once. */
  private readonly constants = new Map<string, Value>();
  private counter = 0;

  constructor(private readonly graphName: string) {}

  /** A graph input with fixed or symbolic dims. */
  input(name: string, type: OnnxElementType, dims: readonly Dim[]): Value {
    this.inputs.push(valueInfo(name, type, dims));
    return { name };
  }

  /** Marks `value` as a graph output under `name` (an Identity node renames it when needed). */
  output(value: Value, name: string, type: OnnxElementType, dims: readonly Dim[]): void {
    if (value.name !== name) this.nodes.push(this.node('Identity', [value.name], [name], []));
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** A float32 initializer. */
  floats(values: ArrayLike<number>, dims: readonly number[], hint = 'const'): Value {
    return this.tensor('float32', float32Bytes(values), values.length, dims, hint);
  }

  /** An int64 initializer (shapes, axes, indices). */
  int64s(values: readonly number[], dims: readonly number[] = [values.length], hint = 'i64'): Value {
    return this.tensor('int64', int64Bytes(values), values.length, dims, hint);
  }

  /** A float32 scalar initializer (rank 0). */
  scalar(value: number, hint = 'scalar'): Value {
    return this.tensor('float32', float32Bytes([value]), 1, [], hint);
  }

  /** Adds one node; returns its outputs. */
  op(opType: string, inputs: readonly (Value | null)[], attributes: Record<string, AttributeValue> = {}, outputCount = 1): Value[] {
    const outputNames = Array.from({ length: outputCount }, (_, k) => `${opType.toLowerCase()}_${this.counter}${outputCount > 1 ? `_${k}` : ''}`);
    const attrs = Object.keys(attributes)
      .sort()
      .map((key) => attribute(key, attributes[key] as AttributeValue));
    this.nodes.push(this.node(opType, inputs.map((v) => (v === null ? '' : v.name)), outputNames, attrs));
    return outputNames.map((name) => ({ name }));
  }

  /** Single-output convenience for op(). */
  op1(opType: string, inputs: readonly (Value | null)[], attributes: Record<string, AttributeValue> = {}): Value {
    const [out] = this.op(opType, inputs, attributes, 1);
    if (out === undefined) throw new Error('unreachable: op() returned no output');
    return out;
  }

  add(a: Value, b: Value): Value {
    return this.op1('Add', [a, b]);
  }
  sub(a: Value, b: Value): Value {
    return this.op1('Sub', [a, b]);
  }
  mul(a: Value, b: Value): Value {
    return this.op1('Mul', [a, b]);
  }
  div(a: Value, b: Value): Value {
    return this.op1('Div', [a, b]);
  }
  matmul(a: Value, b: Value): Value {
    return this.op1('MatMul', [a, b]);
  }
  reshape(x: Value, shape: readonly number[]): Value {
    return this.op1('Reshape', [x, this.int64s(shape, [shape.length], 'shape')]);
  }
  transpose(x: Value, perm: readonly number[]): Value {
    return this.op1('Transpose', [x], { perm });
  }
  /** Opset 17: ReduceMean takes axes as an attribute. */
  reduceMean(x: Value, axes: readonly number[], keepdims: boolean): Value {
    return this.op1('ReduceMean', [x], { axes, keepdims: keepdims ? 1 : 0 });
  }
  /** Opset 17: ReduceMax takes axes as an attribute. */
  reduceMax(x: Value, axes: readonly number[], keepdims: boolean): Value {
    return this.op1('ReduceMax', [x], { axes, keepdims: keepdims ? 1 : 0 });
  }
  /** Opset 17: ReduceMin takes axes as an attribute. */
  reduceMin(x: Value, axes: readonly number[], keepdims: boolean): Value {
    return this.op1('ReduceMin', [x], { axes, keepdims: keepdims ? 1 : 0 });
  }
  /** Opset 17: ReduceSum takes axes as an int64 input. */
  reduceSum(x: Value, axes: readonly number[], keepdims: boolean): Value {
    return this.op1('ReduceSum', [x, this.int64s(axes, [axes.length], 'axes')], { keepdims: keepdims ? 1 : 0 });
  }
  /** Opset 17: Unsqueeze takes axes as an int64 input. */
  unsqueeze(x: Value, axes: readonly number[]): Value {
    return this.op1('Unsqueeze', [x, this.int64s(axes, [axes.length], 'axes')]);
  }
  /** Opset 17: Squeeze takes axes as an int64 input. */
  squeeze(x: Value, axes: readonly number[]): Value {
    return this.op1('Squeeze', [x, this.int64s(axes, [axes.length], 'axes')]);
  }
  /** Resize to fixed `sizes` (NCHW); roi and scales are given as empty names, as opset 17 requires. */
  resizeTo(x: Value, sizes: readonly number[], mode: 'linear' | 'nearest' = 'linear'): Value {
    return this.op1('Resize', [x, null, null, this.int64s(sizes, [sizes.length], 'sizes')], {
      mode,
      coordinate_transformation_mode: mode === 'linear' ? 'half_pixel' : 'asymmetric',
      ...(mode === 'nearest' ? { nearest_mode: 'floor' } : {}),
    });
  }
  /** Static Slice along `axes` with int64 starts/ends. */
  slice(x: Value, starts: readonly number[], ends: readonly number[], axes: readonly number[]): Value {
    return this.op1('Slice', [x, this.int64s(starts, [starts.length], 'starts'), this.int64s(ends, [ends.length], 'ends'), this.int64s(axes, [axes.length], 'axes')]);
  }
  cast(x: Value, to: OnnxElementType): Value {
    return this.op1('Cast', [x], { to: ONNX_DATA_TYPE[to] });
  }
  concat(values: readonly Value[], axis: number): Value {
    return this.op1('Concat', values, { axis });
  }

  /** Serialises the graph into a ModelProto (IR 8, opset 17) and returns the file bytes. */
  toModelBytes(docString: string): Uint8Array {
    const model = {
      irVersion: IR_VERSION,
      producerName: 'intseg-fixtures',
      producerVersion: '1',
      docString,
      opsetImport: [{ domain: '', version: OPSET_VERSION }],
      graph: {
        node: this.nodes,
        name: this.graphName,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
    const problem = ModelProtoType.verify(model);
    if (problem !== null) throw new Error(`ONNX model ${this.graphName} does not match the schema: ${problem}`);
    return ModelProtoType.encode(ModelProtoType.fromObject(model)).finish();
  }

  private tensor(type: OnnxElementType, rawData: Uint8Array, count: number, dims: readonly number[], hint: string): Value {
    if (elementCount(dims) !== count) throw new Error(`initializer ${hint}: dims [${dims.join(', ')}] need ${elementCount(dims)} values, got ${count}`);
    const key = rawData.length <= 256 ? `${type}|${dims.join(',')}|${Buffer.from(rawData).toString('hex')}` : null;
    const existing = key === null ? undefined : this.constants.get(key);
    if (existing !== undefined) return existing;
    const name = `${hint}_${this.counter++}`;
    this.initializers.push({ dims: [...dims], dataType: ONNX_DATA_TYPE[type], name, rawData });
    const value = { name };
    if (key !== null) this.constants.set(key, value);
    return value;
  }

  private node(opType: string, input: string[], output: string[], attribute: AttributeMessage[]): NodeMessage {
    return { input, output, name: `${opType}_${this.counter++}`, opType, attribute };
  }
}
