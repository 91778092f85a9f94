/** Probability metrics over row-major [rows x classes] predictions. */
const EPS = 1e-15;

export function logLoss(probs: ArrayLike<number>, y: ArrayLike<number>, classes: number): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum -= Math.log(Math.min(1 - EPS, Math.max(EPS, probs[i * classes + y[i]!]!)));
  return sum / y.length;
}

export function accuracy(probs: ArrayLike<number>, y: ArrayLike<number>, classes: number): number {
  let hits = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k]! > probs[i * classes + best]!) best = k;
    if (best === y[i]) hits++;
  }
  return hits / y.length;
}
