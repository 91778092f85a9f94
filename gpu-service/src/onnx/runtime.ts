import * as ort from "onnxruntime-node";
import type { Matrix } from "../data/matrix";
import { INPUT, PROBABILITIES } from "./graph";

/** An ONNX model loaded into ONNX Runtime; one session per model, one intra-op thread on small machines. */
export interface OnnxModel {
  classes: number;
  features: number;
  run(x: Matrix): Promise<Float32Array>;
  release(): Promise<void>;
}

export async function loadOnnx(bytes: Uint8Array, threads = 1): Promise<OnnxModel> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: "all" });
  const meta = session.inputMetadata[0];
  const outMeta = session.outputMetadata[0];
  const features = meta && meta.isTensor ? Number(meta.shape[1]) : NaN;
  const classes = outMeta && outMeta.isTensor ? Number(outMeta.shape[1]) : NaN;
  return {
    classes,
    features,
    async run(x: Matrix) {
      const input = new ort.Tensor("float32", x.data, [x.rows, x.cols]);
      const out = await session.run({ [INPUT]: input });
      return out[PROBABILITIES]!.data as Float32Array;
    },
    release: () => session.release(),
  };
}

/** Execution providers this ONNX Runtime build offers (the GPU server adds cuda/tensorrt libraries). */
export function executionProviders(): { name: string; bundled: boolean }[] {
  return ort.listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled }));
}
