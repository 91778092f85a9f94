// AssemblyScript source of the histogram kernel (compiled by `npm run -w gpu-service build:kernel` into
// src/trees/histograms-wasm.ts). All arguments but counts are byte offsets into the trainer's shared memory.
//
// gather: og[i] = grad[rowIndex[i]], oh[i] = hess[rowIndex[i]] for the node's rows [start, end).
// histograms: for features[fromJ..toJ), per bin of `bins` (feature-major, `rows` per feature), the sums
// of og and oh over the node's rows, into `hist` (256 bins x 2 f64 per feature, 4096 bytes). Four
// features per pass: each row's index and gradients are read once for four independent updates.

export function gather(rowIndex: usize, grad: usize, hess: usize, og: usize, oh: usize, start: i32, end: i32): void {
  for (let i = start; i < end; i++) {
    const r = <usize>load<u32>(rowIndex + (<usize>i << 2)) << 3;
    store<f64>(og + (<usize>i << 3), load<f64>(grad + r));
    store<f64>(oh + (<usize>i << 3), load<f64>(hess + r));
  }
}

export function histograms(bins: usize, rows: i32, rowIndex: usize, og: usize, oh: usize, features: usize, hist: usize, start: i32, end: i32, fromJ: i32, toJ: i32): void {
  let j = fromJ;
  for (; j + 3 < toJ; j += 4) {
    const f0 = load<i32>(features + (<usize>j << 2));
    const f1 = load<i32>(features + (<usize>(j + 1) << 2));
    const f2 = load<i32>(features + (<usize>(j + 2) << 2));
    const f3 = load<i32>(features + (<usize>(j + 3) << 2));
    const c0 = bins + <usize>(f0 * rows);
    const c1 = bins + <usize>(f1 * rows);
    const c2 = bins + <usize>(f2 * rows);
    const c3 = bins + <usize>(f3 * rows);
    const o0 = hist + (<usize>f0 << 12);
    const o1 = hist + (<usize>f1 << 12);
    const o2 = hist + (<usize>f2 << 12);
    const o3 = hist + (<usize>f3 << 12);
    memory.fill(o0, 0, 4096);
    memory.fill(o1, 0, 4096);
    memory.fill(o2, 0, 4096);
    memory.fill(o3, 0, 4096);
    for (let i = start; i < end; i++) {
      const r = <usize>load<u32>(rowIndex + (<usize>i << 2));
      const g = load<f64>(og + (<usize>i << 3));
      const h = load<f64>(oh + (<usize>i << 3));
      const a0 = o0 + (<usize>load<u8>(c0 + r) << 4);
      const a1 = o1 + (<usize>load<u8>(c1 + r) << 4);
      const a2 = o2 + (<usize>load<u8>(c2 + r) << 4);
      const a3 = o3 + (<usize>load<u8>(c3 + r) << 4);
      store<f64>(a0, load<f64>(a0) + g);
      store<f64>(a0, load<f64>(a0, 8) + h, 8);
      store<f64>(a1, load<f64>(a1) + g);
      store<f64>(a1, load<f64>(a1, 8) + h, 8);
      store<f64>(a2, load<f64>(a2) + g);
      store<f64>(a2, load<f64>(a2, 8) + h, 8);
      store<f64>(a3, load<f64>(a3) + g);
      store<f64>(a3, load<f64>(a3, 8) + h, 8);
    }
  }
  for (; j < toJ; j++) {
    const f = load<i32>(features + (<usize>j << 2));
    const c = bins + <usize>(f * rows);
    const o = hist + (<usize>f << 12);
    memory.fill(o, 0, 4096);
    for (let i = start; i < end; i++) {
      const r = <usize>load<u32>(rowIndex + (<usize>i << 2));
      const a = o + (<usize>load<u8>(c + r) << 4);
      store<f64>(a, load<f64>(a) + load<f64>(og + (<usize>i << 3)));
      store<f64>(a, load<f64>(a, 8) + load<f64>(oh + (<usize>i << 3)), 8);
    }
  }
}

// partition: stable split of rowIndex[start, end) on bins[feature][row] <= bin, rows going right staged in
// `scratch`; returns where the right rows start.
export function partition(bins: usize, rows: i32, rowIndex: usize, scratch: usize, start: i32, end: i32, feature: i32, bin: i32): i32 {
  const column = bins + <usize>(feature * rows);
  let left = start;
  let right = 0;
  for (let i = start; i < end; i++) {
    const row = load<u32>(rowIndex + (<usize>i << 2));
    if (<i32>load<u8>(column + <usize>row) <= bin) {
      store<u32>(rowIndex + (<usize>left << 2), row);
      left++;
    } else {
      store<u32>(scratch + (<usize>right << 2), row);
      right++;
    }
  }
  memory.copy(rowIndex + (<usize>left << 2), scratch, <usize>right << 2);
  return left;
}

// subtract: for features[fromJ..toJ), large -= small (the larger child's histogram from its parent's).
export function subtract(features: usize, large: usize, small: usize, fromJ: i32, toJ: i32): void {
  for (let j = fromJ; j < toJ; j++) {
    const f = <usize>load<i32>(features + (<usize>j << 2)) << 12;
    for (let k: usize = 0; k < 4096; k += 8) store<f64>(large + f + k, load<f64>(large + f + k) - load<f64>(small + f + k));
  }
}

// best: the best split of a node over features[fromJ..toJ) of its histogram; writes gain (-1 when none),
// feature, bin, left gradient sum and left hessian sum to `out`. Row counts are estimated from hessians.
export function best(hist: usize, features: usize, binCounts: usize, fromJ: i32, toJ: i32, n: f64, g: f64, h: f64, minData: f64, minHess: f64, lambda: f64, out: usize): void {
  const parentScore = (g * g) / (h + lambda);
  const perHessian = n / h;
  let bestGain = 1e-12;
  let bestFeature = -1;
  let bestBin = 0;
  let bestG = 0.0;
  let bestH = 0.0;
  for (let j = fromJ; j < toJ; j++) {
    const f = load<i32>(features + (<usize>j << 2));
    const last = load<i32>(binCounts + (<usize>f << 2));
    let p = hist + (<usize>f << 12);
    let gl = 0.0;
    let hl = 0.0;
    for (let b = 0; b < last; b++, p += 16) {
      const hb = load<f64>(p, 8);
      // An empty bin moves nothing from right to left: same split as the bin before it.
      if (hb == 0) continue;
      gl += load<f64>(p);
      hl += hb;
      const cl = Math.floor(hl * perHessian + 0.5);
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
  store<f64>(out, bestFeature < 0 ? -1.0 : bestGain);
  store<f64>(out, <f64>bestFeature, 8);
  store<f64>(out, <f64>bestBin, 16);
  store<f64>(out, bestG, 24);
  store<f64>(out, bestH, 32);
}
