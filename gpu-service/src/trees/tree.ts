/**
 * A regression tree: internal nodes test `x[feature] <= threshold` (left when true); children < 0 are
 * leaves, ~child being the leaf's index.
 */
export interface Tree {
  feature: number[];
  /** Bin index of the threshold, for routing binned rows. */
  thresholdBin: number[];
  /** The float32 data value the bin ends at, for routing raw rows (and for ONNX). */
  threshold: number[];
  left: number[];
  right: number[];
  leafValue: number[];
  /** Split gain per internal node, for feature importance. */
  gain: number[];
}

/** Leaf of row r in feature-major bins with `rows` rows. */
export function leafForBins(tree: Tree, bins: Uint8Array, rows: number, r: number): number {
  if (tree.feature.length === 0) return 0;
  let node = 0;
  for (;;) {
    const next = bins[tree.feature[node]! * rows + r]! <= tree.thresholdBin[node]! ? tree.left[node]! : tree.right[node]!;
    if (next < 0) return ~next;
    node = next;
  }
}

export function leafForRow(tree: Tree, x: Float32Array, base: number): number {
  if (tree.feature.length === 0) return 0;
  let node = 0;
  for (;;) {
    const next = x[base + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    if (next < 0) return ~next;
    node = next;
  }
}
