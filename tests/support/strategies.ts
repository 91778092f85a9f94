/** The smallest valid strategy: 1X2, Pinnacle's opening fair price against the best price, a 3% edge. Tests of limits and plans save it by the dozen. */
export const edgeStrategy = (name: string) => ({
  schemaVersion: 1,
  name,
  markets: ["1x2"],
  probability: "market:pinnacle-opening",
  price: "best",
  decideAt: "opening",
  when: { all: [{ field: "edge", op: "gte", value: 0.03 }] },
  stake: { kind: "kelly", fraction: 0.25, maxFraction: 0.02 },
});
