import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

type Attribute =
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "string"; value: string }
  | { kind: "ints"; value: number[] }
  | { kind: "floats"; value: ArrayLike<number> }
  | { kind: "strings"; value: string[] };

export const attr = {
  int: (value: number): Attribute => ({ kind: "int", value }),
  float: (value: number): Attribute => ({ kind: "float", value }),
  string: (value: string): Attribute => ({ kind: "string", value }),
  ints: (value: number[]): Attribute => ({ kind: "ints", value }),
  floats: (value: ArrayLike<number>): Attribute => ({ kind: "floats", value }),
  strings: (value: string[]): Attribute => ({ kind: "strings", value }),
};

const T = onnx.AttributeProto.AttributeType;

function toAttributeProto(name: string, a: Attribute): onnxProto.onnx.IAttributeProto {
  switch (a.kind) {
    case "int":
      return { name, type: T.INT, i: a.value };
    case "float":
      return { name, type: T.FLOAT, f: a.value };
    case "string":
      return { name, type: T.STRING, s: Buffer.from(a.value) };
    case "ints":
      return { name, type: T.INTS, ints: a.value };
    case "floats":
      return { name, type: T.FLOATS, floats: Array.from(a.value) };
    case "strings":
      return { name, type: T.STRINGS, strings: a.value.map((s) => Buffer.from(s)) };
  }
}

/**
 * Builds an ONNX graph with one float input [N, features] and one float output.
 * Opset 17 with ai.onnx.ml 3, IR 8: what onnxruntime-node 1.30 loads (see STACK-NOTES).
 */
export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private counter = 0;

  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** A float32 constant tensor. */
  constant(dims: number[], values: ArrayLike<number>, prefix = "const"): string {
    const name = this.fresh(prefix);
    this.initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: Array.from(values, Math.fround) });
    return name;
  }

  /** An int64 constant tensor (shapes, slice bounds). */
  int64(dims: number[], values: number[], prefix = "i64"): string {
    const name = this.fresh(prefix);
    this.initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.INT64, int64Data: values });
    return name;
  }

  node(opType: string, inputs: string[], attributes: Record<string, Attribute> = {}, domain = ""): string {
    const output = this.fresh(opType.toLowerCase());
    this.nodes.push({
      opType,
      domain,
      name: output,
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([k, v]) => toAttributeProto(k, v)),
    });
    return output;
  }

  encode(input: string, features: number, output: string, outputCols: number, docString: string): Uint8Array {
    const tensorType = (cols: number) => ({
      tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: "N" }, { dimValue: cols }] } },
    });
    // Rename the last node's output to the public name so callers read "probabilities".
    const finalNode = this.nodes.find((n) => n.output?.[0] === output);
    if (finalNode) finalNode.output = [PROBABILITIES];
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: "linesmith-gpu-service",
      docString,
      opsetImport: [
        { domain: "", version: 17 },
        { domain: "ai.onnx.ml", version: 3 },
      ],
      graph: {
        name: "model",
        node: this.nodes,
        initializer: this.initializers,
        input: [{ name: input, type: tensorType(features) }],
        output: [{ name: PROBABILITIES, type: tensorType(outputCols) }],
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

export const INPUT = "features";
export const PROBABILITIES = "probabilities";
