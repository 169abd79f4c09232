// Builds a tiny ONNX segmentation "model" for tests and the benchmark: mask = sigmoid(w · rgb + b)
// per pixel (a 1×1 convolution), so what the local engine must produce is known exactly.
import { writeFile } from 'node:fs/promises';
import protobuf from 'protobufjs';

/** The part of onnx.proto (field numbers as published by the ONNX project) this graph needs. */
const ONNX = protobuf.Root.fromJSON({
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            floatData: { rule: 'repeated', type: 'float', id: 4, options: { packed: true } },
            name: { type: 'string', id: 8 },
          },
        },
        ValueInfoProto: {
          fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } },
        },
        TypeProto: {
          fields: { tensorType: { type: 'Tensor', id: 1 } },
          nested: {
            Tensor: {
              fields: {
                elemType: { type: 'int32', id: 1 },
                shape: { type: 'TensorShapeProto', id: 2 },
              },
            },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } },
          nested: { Dimension: { fields: { dimValue: { type: 'int64', id: 1 } } } },
        },
      },
    },
  },
});

const FLOAT = 1;

export interface TinyModelOptions {
  /** Side of the square input. */
  size: number;
  /** Weight of each normalised channel (R, G, B). */
  weights: readonly [number, number, number];
  bias: number;
  /** `probability`: the graph ends in a Sigmoid (as U²-Net does); `logits`: it does not. */
  output: 'probability' | 'logits';
}

const tensorType = (dims: number[]) => ({
  tensorType: { elemType: FLOAT, shape: { dim: dims.map((dimValue) => ({ dimValue })) } },
});

/** The model as ONNX bytes: input `input` [1, 3, S, S] float, output `mask` [1, 1, S, S]. */
export function tinySegmentationModel(options: TinyModelOptions): Uint8Array {
  const { size } = options;
  const sigmoid = options.output === 'probability';
  const nodes = [
    {
      input: ['input', 'w', 'b'],
      output: [sigmoid ? 'logit' : 'mask'],
      name: 'conv',
      opType: 'Conv',
    },
    ...(sigmoid
      ? [{ input: ['logit'], output: ['mask'], name: 'sigmoid', opType: 'Sigmoid' }]
      : []),
  ];
  const Model = ONNX.lookupType('onnx.ModelProto');
  const model = Model.fromObject({
    irVersion: 8,
    producerName: 'redactify-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-segmentation',
      node: nodes,
      initializer: [
        { name: 'w', dims: [1, 3, 1, 1], dataType: FLOAT, floatData: [...options.weights] },
        { name: 'b', dims: [1], dataType: FLOAT, floatData: [options.bias] },
      ],
      input: [{ name: 'input', type: tensorType([1, 3, size, size]) }],
      output: [{ name: 'mask', type: tensorType([1, 1, size, size]) }],
    },
  });
  return Model.encode(model).finish();
}

/** Writes the model to `path` (e.g. in a test's temp dir) and returns the path. */
export async function writeTinySegmentationModel(
  path: string,
  options: TinyModelOptions,
): Promise<string> {
  await writeFile(path, tinySegmentationModel(options));
  return path;
}

/** The mask the model gives one pixel, for normalised channel values `v`. */
export function tinyModelMask(options: TinyModelOptions, v: readonly [number, number, number]) {
  const z =
    options.weights[0] * v[0] +
    options.weights[1] * v[1] +
    options.weights[2] * v[2] +
    options.bias;
  return options.output === 'probability' ? 1 / (1 + Math.exp(-z)) : z;
}
