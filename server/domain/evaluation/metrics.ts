import type { ProbabilityMetrics, ReliabilityBin } from "./report";

/*
 * Probability scores over games. `probs` rows are in class order (home, draw, away for 1X2; for two-way
 * markets index 1 is the home win). Brier is the multi-class sum over classes (0.5 x that for two classes
 * equals the familiar (p - y)^2), RPS the ranked probability score for ordered outcomes.
 */

const EPS = 1e-15;

export function logLoss(probs: number[][], labels: number[]): number {
  return mean(labels.map((y, i) => -Math.log(Math.min(1 - EPS, Math.max(EPS, probs[i]![y]!)))));
}

export function brier(probs: number[][], labels: number[]): number {
  const k = probs[0]?.length ?? 0;
  const scale = k === 2 ? 0.5 : 1;
  return mean(labels.map((y, i) => scale * probs[i]!.reduce((s, p, c) => s + (p - (c === y ? 1 : 0)) ** 2, 0)));
}

export function rankedProbabilityScore(probs: number[][], labels: number[]): number {
  return mean(
    labels.map((y, i) => {
      const p = probs[i]!;
      let cumP = 0;
      let cumO = 0;
      let sum = 0;
      for (let c = 0; c < p.length - 1; c++) {
        cumP += p[c]!;
        cumO += c === y ? 1 : 0;
        sum += (cumP - cumO) ** 2;
      }
      return sum / (p.length - 1);
    }),
  );
}

/**
 * Reliability of every (game, class) probability in equal-width bins; expected calibration error is
 * the count-weighted mean gap between predicted and observed frequency. For two classes only the home
 * probability is binned (the other is its complement).
 */
export function reliability(probs: number[][], labels: number[], bins = 10): { ece: number; bins: ReliabilityBin[] } {
  const k = probs[0]?.length ?? 0;
  const classes = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  const acc = Array.from({ length: bins }, () => ({ count: 0, predicted: 0, observed: 0 }));
  for (let i = 0; i < labels.length; i++) {
    for (const c of classes) {
      const p = probs[i]![c]!;
      const b = acc[Math.min(bins - 1, Math.floor(p * bins))]!;
      b.count++;
      b.predicted += p;
      b.observed += labels[i] === c ? 1 : 0;
    }
  }
  const total = acc.reduce((s, b) => s + b.count, 0);
  let ece = 0;
  const out: ReliabilityBin[] = acc.map((b, i) => {
    if (b.count > 0) ece += (b.count / total) * Math.abs(b.predicted / b.count - b.observed / b.count);
    return { lower: i / bins, upper: (i + 1) / bins, count: b.count, meanPredicted: b.count ? b.predicted / b.count : NaN, observed: b.count ? b.observed / b.count : NaN };
  });
  return { ece, bins: out.filter((b) => b.count > 0) };
}

/**
 * The ECE that sampling noise alone produces: outcomes are drawn from the forecaster's own probabilities
 * (so it is calibrated by construction) and scored the same way, averaged over `runs` seeded draws. An
 * ECE near this figure is as good as these games can show.
 */
export function eceNoiseFloor(probs: number[][], runs = 50, seed = 12345): number {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  let total = 0;
  for (let run = 0; run < runs; run++) {
    const drawn = probs.map((p) => {
      let u = random();
      for (let c = 0; c < p.length - 1; c++) {
        if (u < p[c]!) return c;
        u -= p[c]!;
      }
      return p.length - 1;
    });
    total += reliability(probs, drawn).ece;
  }
  return total / runs;
}

export function accuracy(probs: number[][], labels: number[]): number {
  return mean(labels.map((y, i) => (argmax(probs[i]!) === y ? 1 : 0)));
}

/** AUC of the home-win probability against "home won" (ties in score count half). */
export function homeAuc(probs: number[][], labels: number[], homeClass: number): number | null {
  const scored = labels.map((y, i) => ({ p: probs[i]![homeClass]!, positive: y === homeClass })).sort((a, b) => a.p - b.p);
  const positives = scored.filter((s) => s.positive).length;
  const negatives = scored.length - positives;
  if (positives === 0 || negatives === 0) return null;
  let rankSum = 0;
  for (let i = 0; i < scored.length; ) {
    let j = i;
    while (j < scored.length && scored[j]!.p === scored[i]!.p) j++;
    const midRank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) if (scored[t]!.positive) rankSum += midRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function scoreProbabilities(probs: number[][], labels: number[], homeClass: number): ProbabilityMetrics {
  const k = probs[0]?.length ?? 0;
  return {
    games: labels.length,
    logLoss: logLoss(probs, labels),
    brier: brier(probs, labels),
    rps: k === 3 ? rankedProbabilityScore(probs, labels) : null,
    ece: reliability(probs, labels).ece,
    eceNoise: eceNoiseFloor(probs),
    accuracy: accuracy(probs, labels),
    auc: homeAuc(probs, labels, homeClass),
  };
}

function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/**
 * Whether a model is calibrated well enough to serve: its ECE at most 0.02, or at most 25% above what
 * sampling noise alone gives on the games it was measured on (small leagues cannot show 0.02).
 */
export function calibrationGate(m: Pick<ProbabilityMetrics, "ece" | "eceNoise">): { passed: boolean; limit: number } {
  const limit = noiseAllowance(m.eceNoise);
  return { passed: m.ece <= limit, limit };
}

/** How much ECE sampling noise may explain: 0.02, or 25% above the simulated noise figure when that is larger. */
export function noiseAllowance(eceNoise: number): number {
  return Math.max(0.02, 1.25 * eceNoise);
}
