import type { Dataset, Matrix } from "../data/matrix";
import { permutation, rng } from "../data/random";
import type { LogitModel } from "../model";
import { attr, type GraphBuilder } from "../onnx/graph";
import { applyBinning, fitBinning } from "./bins";
import { growTree, type GrowOptions } from "./grow";
import { createNodePool, defaultThreads } from "./node-pool";
import { leafForBins, leafForRow, type Tree } from "./tree";
import { yieldToEventLoop } from "../data/yield";
import type { GbdtOptions } from "../spec";

export interface GbdtFit {
  model: LogitModel;
  /** Rounds kept (the best validation round when early stopping ran). */
  rounds: number;
  validationLoss: number | null;
}

/** Softmax (or sigmoid for 2 classes) gradients and hessians of the log loss for one output. */
export function writeGradients(raw: Float64Array, y: Int32Array, K: number, outputs: number, k: number, grad: Float64Array, hess: Float64Array) {
  const rows = y.length;
  if (outputs === 1) {
    for (let r = 0; r < rows; r++) {
      const p = 1 / (1 + Math.exp(-raw[r]!));
      grad[r] = p - (y[r] === 1 ? 1 : 0);
      hess[r] = Math.max(p * (1 - p), 1e-16);
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let j = 0; j < K; j++) max = Math.max(max, raw[r * K + j]!);
    let sum = 0;
    for (let j = 0; j < K; j++) sum += Math.exp(raw[r * K + j]! - max);
    const p = Math.exp(raw[r * K + k]! - max) / sum;
    grad[r] = p - (y[r] === k ? 1 : 0);
    hess[r] = Math.max(p * (1 - p), 1e-16);
  }
}

export function rawLoss(raw: Float64Array, y: Int32Array, K: number, outputs: number): number {
  let loss = 0;
  for (let r = 0; r < y.length; r++) {
    if (outputs === 1) {
      const z = raw[r]!;
      // log(1 + e^-z) for y=1, log(1 + e^z) for y=0, computed stably.
      const s = y[r] === 1 ? -z : z;
      loss += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
    } else {
      let max = -Infinity;
      for (let j = 0; j < K; j++) max = Math.max(max, raw[r * K + j]!);
      let sum = 0;
      for (let j = 0; j < K; j++) sum += Math.exp(raw[r * K + j]! - max);
      loss += Math.log(sum) + max - raw[r * K + y[r]!]!;
    }
  }
  return loss / y.length;
}

/**
 * Histogram gradient-boosted trees for binary and multiclass log loss: leaf-wise growth, quantile bins,
 * row and feature subsampling, early stopping on a validation set. Binary fits one tree per round,
 * K classes fit K trees per round.
 */
export async function trainGbdt(train: Dataset, validation: Dataset | null, options: GbdtOptions = {}): Promise<GbdtFit> {
  const {
    trees = 300,
    leaves = 31,
    learningRate = 0.1,
    maxDepth = -1,
    minDataInLeaf = 20,
    minSumHessian = 1e-3,
    lambda = 0,
    maxBins = 255,
    rowSample = 1,
    featureSample = 1,
    earlyStoppingRounds = 30,
    threads = defaultThreads(),
    seed = 1,
  } = options;
  const { rows, cols } = train.x;
  const K = train.classes;
  const outputs = K === 2 ? 1 : K;
  const random = rng(seed);
  const binning = fitBinning(train.x, maxBins);
  const bins = applyBinning(train.x, binning);
  const validBins = validation ? applyBinning(validation.x, binning) : null;
  const builder = createNodePool(bins, rows, cols, leaves, Int32Array.from(binning.thresholds, (t) => t.length), { minDataInLeaf, minSumHessian, lambda }, threads);
  const grow: GrowOptions = { maxLeaves: leaves, maxDepth, minDataInLeaf, minSumHessian, lambda, learningRate };

  // Start from the class priors so early trees fit structure rather than the base rate.
  const counts = new Float64Array(K);
  for (const label of train.y) counts[label]!++;
  const prior = Array.from(counts, (c) => Math.log(Math.max(c, 1) / rows));
  const base = (outputs === 1 ? [prior[1]! - prior[0]!] : prior).map(Math.fround);

  const raw = new Float64Array(rows * outputs);
  for (let r = 0; r < rows; r++) for (let k = 0; k < outputs; k++) raw[r * outputs + k] = base[k]!;
  const validRaw = validation ? new Float64Array(validation.x.rows * outputs) : null;
  if (validRaw) for (let r = 0; r < validation!.x.rows; r++) for (let k = 0; k < outputs; k++) validRaw[r * outputs + k] = base[k]!;

  const forest: Tree[][] = [];
  const deltas = Array.from({ length: outputs }, () => new Float64Array(rows));
  let bestLoss = Infinity;
  let bestRounds = 0;
  try {
    for (let round = 0; round < trees; round++) {
      // Let the host's event loop run now and then (the app trains in its server process).
      if (round % 20 === 19) await yieldToEventLoop();
      // One row and feature sample per round, shared by the round's K trees.
      const sampled = rowSample < 1 ? permutation(rows, random).subarray(0, Math.max(1, Math.floor(rows * rowSample))).sort() : null;
      const featureCount = featureSample < 1 ? Math.max(1, Math.round(cols * featureSample)) : cols;
      builder.features.set(featureSample < 1 ? Int32Array.from(permutation(cols, random).subarray(0, featureCount)).sort() : Int32Array.from({ length: cols }, (_, i) => i));
      const roundTrees: Tree[] = [];
      for (let k = 0; k < outputs; k++) {
        writeGradients(raw, train.y, K, outputs, k, builder.grad, builder.hess);
        const rowCount = sampled ? sampled.length : rows;
        if (sampled) builder.rowIndex.set(sampled);
        else for (let i = 0; i < rows; i++) builder.rowIndex[i] = i;
        const grown = growTree(builder, rowCount, featureCount, binning.thresholds, grow);
        roundTrees.push(grown.tree);
        // Rows the tree was fitted on sit in its leaves' ranges of the row index; the others are routed.
        const delta = deltas[k]!;
        if (sampled) for (let r = 0; r < rows; r++) delta[r] = grown.tree.leafValue[leafForBins(grown.tree, bins, rows, r)]!;
        else grown.leafRanges.forEach(([start, end], leaf) => {
          const value = grown.tree.leafValue[leaf]!;
          for (let i = start; i < end; i++) delta[builder.rowIndex[i]!] = value;
        });
      }
      // Update scores after all K trees, so every class in a round saw the same probabilities.
      roundTrees.forEach((tree, k) => {
        for (let r = 0; r < rows; r++) raw[r * outputs + k]! += deltas[k]![r]!;
        if (validRaw) {
          for (let r = 0; r < validation!.x.rows; r++) validRaw[r * outputs + k]! += tree.leafValue[leafForBins(tree, validBins!, validation!.x.rows, r)]!;
        }
      });
      forest.push(roundTrees);
      if (validRaw) {
        const loss = rawLoss(validRaw, validation!.y, K, outputs);
        if (loss < bestLoss - 1e-9) {
          bestLoss = loss;
          bestRounds = forest.length;
        } else if (forest.length - bestRounds >= earlyStoppingRounds) break;
      }
    }
  } finally {
    await builder.close();
  }
  const kept = validRaw ? forest.slice(0, bestRounds) : forest;
  return {
    model: forestModel(kept, base, K, cols, { trees: kept.length * outputs, leaves, learningRate, threads: builder.threads }),
    rounds: kept.length,
    validationLoss: validRaw ? bestLoss : null,
  };
}

function forestModel(forest: Tree[][], base: number[], K: number, cols: number, summary: LogitModel["summary"]): LogitModel {
  const outputs = base.length;
  const leafSum = (row: (tree: Tree) => number) => {
    const out = base.slice();
    for (const round of forest) round.forEach((tree, k) => (out[k]! += tree.leafValue[row(tree)]!));
    return out;
  };
  return {
    kind: "gbdt",
    classes: K,
    features: cols,
    summary,
    logits(x: Matrix) {
      const out = new Float64Array(x.rows * K);
      for (let r = 0; r < x.rows; r++) {
        const sums = leafSum((tree) => leafForRow(tree, x.data, r * cols));
        if (outputs === 1) out[r * K + 1] = sums[0]!;
        else for (let k = 0; k < K; k++) out[r * K + k] = sums[k]!;
      }
      return out;
    },
    emitOnnx(g: GraphBuilder, input: string) {
      return g.node("TreeEnsembleRegressor", [input], treeAttributes(forest, base, K), "ai.onnx.ml");
    },
    importances() {
      const gain = new Array<number>(cols).fill(0);
      for (const round of forest) for (const tree of round) tree.feature.forEach((f, i) => (gain[f]! += tree.gain[i]!));
      const total = gain.reduce((a, b) => a + b, 0);
      return gain.map((v) => (total > 0 ? v / total : 0));
    },
  };
}

/** TreeEnsembleRegressor with one target per class (binary: class 1 only, class 0 stays 0). */
function treeAttributes(forest: Tree[][], base: number[], K: number) {
  const outputs = base.length;
  const n = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    values: [] as number[],
    modes: [] as string[],
    trueIds: [] as number[],
    falseIds: [] as number[],
  };
  const t = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  let treeId = 0;
  for (const round of forest) {
    round.forEach((tree, k) => {
      const internal = tree.feature.length;
      // Node ids: internal nodes 0..internal-1, leaf i at internal + i.
      const id = (child: number) => (child < 0 ? internal + ~child : child);
      for (let i = 0; i < internal; i++) {
        n.treeIds.push(treeId);
        n.nodeIds.push(i);
        n.featureIds.push(tree.feature[i]!);
        n.values.push(tree.threshold[i]!);
        n.modes.push("BRANCH_LEQ");
        n.trueIds.push(id(tree.left[i]!));
        n.falseIds.push(id(tree.right[i]!));
      }
      tree.leafValue.forEach((value, leaf) => {
        n.treeIds.push(treeId);
        n.nodeIds.push(internal + leaf);
        n.featureIds.push(0);
        n.values.push(0);
        n.modes.push("LEAF");
        n.trueIds.push(0);
        n.falseIds.push(0);
        t.treeIds.push(treeId);
        t.nodeIds.push(internal + leaf);
        t.ids.push(outputs === 1 ? 1 : k);
        t.weights.push(value);
      });
      treeId++;
    });
  }
  return {
    n_targets: attr.int(K),
    aggregate_function: attr.string("SUM"),
    post_transform: attr.string("NONE"),
    base_values: attr.floats(outputs === 1 ? [0, base[0]!] : base),
    nodes_treeids: attr.ints(n.treeIds),
    nodes_nodeids: attr.ints(n.nodeIds),
    nodes_featureids: attr.ints(n.featureIds),
    nodes_values: attr.floats(n.values),
    nodes_modes: attr.strings(n.modes),
    nodes_truenodeids: attr.ints(n.trueIds),
    nodes_falsenodeids: attr.ints(n.falseIds),
    target_treeids: attr.ints(t.treeIds),
    target_nodeids: attr.ints(t.nodeIds),
    target_ids: attr.ints(t.ids),
    target_weights: attr.floats(t.weights),
  };
}
