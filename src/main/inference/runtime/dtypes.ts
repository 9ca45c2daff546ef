/** Model file dtypes as transformers.js names them; no imports, so schemas can use them without loading a runtime. */

/** Dtype names of transformers.js (file suffix: none for fp32, _fp16, _quantized, _int8, _uint8, _q4, _q4f16, _bnb4). */
export const MODEL_DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export type ModelDtype = (typeof MODEL_DTYPES)[number];

/** The file suffix transformers.js appends to onnx/<name> for a dtype. */
export const DTYPE_FILE_SUFFIX: Record<ModelDtype, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};
