import { FEATURE_STRIDE } from "./histogram-kernel";
import type { HistogramBuilder } from "./histograms";
import type { Tree } from "./tree";

export interface GrowOptions {
  maxLeaves: number;
  maxDepth: number;
  minDataInLeaf: number;
  minSumHessian: number;
  lambda: number;
  learningRate: number;
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  leftG: number;
  leftH: number;
  leftCount: number;
}

interface Leaf {
  start: number;
  end: number;
  g: number;
  h: number;
  depth: number;
  slot: number;
  split: Split | null;
  /** Where this leaf hangs in the tree: parent node and side, or -1 for the root. */
  parent: number;
  isLeft: boolean;
}

/**
 * Grows one tree leaf-wise (always splitting the leaf with the largest gain) on gradient histograms.
 * The builder's rowIndex[0..rowCount) holds the rows to fit; each leaf owns a contiguous range of it.
 * The smaller child's histogram is built, the larger one's is the parent's minus it. The builder needs
 * maxLeaves histogram slots. `bins` is feature-major over `rows` rows.
 */
export function growTree(
  builder: HistogramBuilder,
  bins: Uint8Array,
  rows: number,
  rowCount: number,
  featureCount: number,
  thresholds: Float32Array[],
  o: GrowOptions,
  scratch: Uint32Array,
): Tree {
  const { rowIndex, grad, hess, features, hist, slotSize } = builder;
  const free = Array.from({ length: o.maxLeaves }, (_, i) => o.maxLeaves - 1 - i);
  const take = () => free.pop()!;
  // Float32 leaf values, as ONNX stores them, so the trainer and ONNX Runtime add the same numbers.
  const leafWeight = (g: number, h: number) => Math.fround((-g / (h + o.lambda)) * o.learningRate);

  const bestSplit = (leaf: Leaf): Split | null =>
    findBestSplit(hist, leaf.slot * slotSize, features, featureCount, thresholds, leaf.end - leaf.start, leaf.g, leaf.h, leaf.depth, o);

  let g0 = 0;
  let h0 = 0;
  for (let i = 0; i < rowCount; i++) {
    g0 += grad[rowIndex[i]!]!;
    h0 += hess[rowIndex[i]!]!;
  }
  const root: Leaf = { start: 0, end: rowCount, g: g0, h: h0, depth: 0, slot: take(), split: null, parent: -1, isLeft: false };
  builder.build(0, rowCount, featureCount, root.slot);
  root.split = bestSplit(root);

  const tree: Tree = { feature: [], thresholdBin: [], threshold: [], left: [], right: [], leafValue: [], gain: [] };
  const leaves: Leaf[] = [root];
  while (leaves.length < o.maxLeaves) {
    let pick = -1;
    for (let i = 0; i < leaves.length; i++) {
      if (leaves[i]!.split && (pick < 0 || leaves[i]!.split!.gain > leaves[pick]!.split!.gain)) pick = i;
    }
    if (pick < 0) break;
    const leaf = leaves[pick]!;
    const s = leaf.split!;
    // Stable partition of the leaf's rows: left rows first, then right, order kept for cache locality.
    let l = leaf.start;
    let r = 0;
    const column = s.feature * rows;
    for (let i = leaf.start; i < leaf.end; i++) {
      const row = rowIndex[i]!;
      if (bins[column + row]! <= s.bin) rowIndex[l++] = row;
      else scratch[r++] = row;
    }
    rowIndex.set(scratch.subarray(0, r), l);

    const node = tree.feature.length;
    tree.feature.push(s.feature);
    tree.thresholdBin.push(s.bin);
    tree.threshold.push(thresholds[s.feature]![s.bin]!);
    tree.gain.push(s.gain);
    tree.left.push(0);
    tree.right.push(0);
    if (leaf.parent >= 0) (leaf.isLeft ? tree.left : tree.right)[leaf.parent] = node;

    const left: Leaf = { start: leaf.start, end: l, g: s.leftG, h: s.leftH, depth: leaf.depth + 1, slot: leaf.slot, split: null, parent: node, isLeft: true };
    const right: Leaf = { start: l, end: leaf.end, g: leaf.g - s.leftG, h: leaf.h - s.leftH, depth: leaf.depth + 1, slot: leaf.slot, split: null, parent: node, isLeft: false };
    const [small, large] = left.end - left.start <= right.end - right.start ? [left, right] : [right, left];
    small.slot = take();
    builder.build(small.start, small.end, featureCount, small.slot);
    const delta = (small.slot - large.slot) * slotSize;
    for (let j = 0; j < featureCount; j++) {
      const from = large.slot * slotSize + features[j]! * FEATURE_STRIDE;
      for (let at = from; at < from + FEATURE_STRIDE; at++) hist[at]! -= hist[at + delta]!;
    }
    left.split = bestSplit(left);
    right.split = bestSplit(right);
    leaves.splice(pick, 1, left, right);
  }

  leaves.forEach((leaf, i) => {
    tree.leafValue.push(leafWeight(leaf.g, leaf.h));
    if (leaf.parent >= 0) (leaf.isLeft ? tree.left : tree.right)[leaf.parent] = ~i;
  });
  return tree;
}

/** Best split over the leaf's histogram; a plain function without allocations in the scan (it is hot). */
function findBestSplit(
  hist: Float64Array,
  base: number,
  features: Int32Array,
  featureCount: number,
  thresholds: Float32Array[],
  n: number,
  g: number,
  h: number,
  depth: number,
  o: GrowOptions,
): Split | null {
  if (n < 2 * o.minDataInLeaf || (o.maxDepth > 0 && depth >= o.maxDepth)) return null;
  const lambda = o.lambda;
  const minData = o.minDataInLeaf;
  const minHess = o.minSumHessian;
  const parentScore = (g * g) / (h + lambda);
  // Row counts are estimated from hessian sums, as LightGBM does, to keep histograms at two values per bin.
  const perHessian = n / h;
  let bestGain = 1e-12;
  let bestFeature = -1;
  let bestBin = 0;
  let bestG = 0;
  let bestH = 0;
  for (let j = 0; j < featureCount; j++) {
    const f = features[j]!;
    const last = thresholds[f]!.length; // bins 0..last; a split at `last` would send everything left
    let at = base + f * FEATURE_STRIDE;
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < last; b++, at += 2) {
      gl += hist[at]!;
      hl += hist[at + 1]!;
      const cl = (hl * perHessian + 0.5) | 0;
      if (cl < minData || hl < minHess) continue;
      if (n - cl < minData) break;
      const hr = h - hl;
      if (hr < minHess) continue;
      const gr = g - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = f;
        bestBin = b;
        bestG = gl;
        bestH = hl;
      }
    }
  }
  if (bestFeature < 0) return null;
  return { gain: bestGain, feature: bestFeature, bin: bestBin, leftG: bestG, leftH: bestH, leftCount: Math.round(bestH * perHessian) };
}
