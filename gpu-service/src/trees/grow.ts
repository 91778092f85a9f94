import type { NodePool, NodeStats, Split } from "./node-pool";
import type { Tree } from "./tree";

export interface GrowOptions {
  maxLeaves: number;
  maxDepth: number;
  minDataInLeaf: number;
  minSumHessian: number;
  lambda: number;
  learningRate: number;
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

export interface GrownTree {
  tree: Tree;
  /** Each leaf's range of the pool's row index: rows [start, end) of leaf i. */
  leafRanges: [number, number][];
}

/**
 * Grows one tree leaf-wise (always splitting the leaf with the largest gain). The pool's
 * rowIndex[0..rowCount) holds the rows to fit; each leaf owns a contiguous range of it. The pool builds
 * the smaller child's histogram and derives the larger one's from its parent, in the parent's slot.
 */
export function growTree(pool: NodePool, rowCount: number, featureCount: number, thresholds: Float32Array[], o: GrowOptions): GrownTree {
  const { rowIndex, grad, hess } = pool;
  const free = Array.from({ length: o.maxLeaves }, (_, i) => o.maxLeaves - 1 - i);
  // Float32 leaf values, as ONNX stores them, so the trainer and ONNX Runtime add the same numbers.
  const leafWeight = (g: number, h: number) => Math.fround((-g / (h + o.lambda)) * o.learningRate);
  const stats = (n: number, g: number, h: number, depth: number): NodeStats => ({
    n,
    g,
    h,
    splittable: n >= 2 * o.minDataInLeaf && !(o.maxDepth > 0 && depth >= o.maxDepth),
  });

  let g0 = 0;
  let h0 = 0;
  for (let i = 0; i < rowCount; i++) {
    g0 += grad[rowIndex[i]!]!;
    h0 += hess[rowIndex[i]!]!;
  }
  const root: Leaf = { start: 0, end: rowCount, g: g0, h: h0, depth: 0, slot: free.pop()!, split: null, parent: -1, isLeft: false };
  root.split = pool.root(rowCount, featureCount, root.slot, stats(rowCount, g0, h0, 0));

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
    const l = pool.partition(leaf.start, leaf.end, s.feature, s.bin);

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
    small.slot = free.pop()!;
    [small.split, large.split] = pool.children(
      small.start,
      small.end,
      featureCount,
      small.slot,
      large.slot,
      stats(small.end - small.start, small.g, small.h, small.depth),
      stats(large.end - large.start, large.g, large.h, large.depth),
    );
    leaves.splice(pick, 1, left, right);
  }

  leaves.forEach((leaf, i) => {
    tree.leafValue.push(leafWeight(leaf.g, leaf.h));
    if (leaf.parent >= 0) (leaf.isLeft ? tree.left : tree.right)[leaf.parent] = ~i;
  });
  return { tree, leafRanges: leaves.map((leaf) => [leaf.start, leaf.end]) };
}
