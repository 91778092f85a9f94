/** An exponentially weighted mean that keeps `decay` of its weight per new value; NaN until it has one. */
export class WeightedMean {
  private sum = 0;
  private weight = 0;

  constructor(private readonly decay = 0.9) {}

  add(value: number): void {
    this.sum = this.sum * this.decay + value;
    this.weight = this.weight * this.decay + 1;
  }

  get value(): number {
    return this.weight > 0 ? this.sum / this.weight : NaN;
  }
}
