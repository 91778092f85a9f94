export const FEATURE_GROUPS = ["stats-only", "market-aware"] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

export interface FeatureSpec {
  name: string;
  group: FeatureGroup;
  /**
   * Set on features read from collected injury reports: they carry information only on rows whose
   * INJURY_REPORT_KNOWN feature is 1 (archives have none), which the evaluation checks before it shows them.
   */
  fromInjuryReports?: true;
}

/** 1 when either team's injury report was known at the row's as-of time, else 0 (every injury value then 0). */
export const INJURY_REPORT_KNOWN = "injury_report_known";

/**
 * Collects features one row at a time, each value written with its name, so names and values cannot drift
 * apart. The first row fixes the names and their order; every later row must write the same ones.
 */
export class FeatureWriter {
  readonly specs: FeatureSpec[] = [];
  private values: number[] = [];
  private fixed = false;

  // Arrow properties, so callers can destructure them.
  readonly stat = (name: string, value: number): void => this.write(name, "stats-only", value);
  readonly market = (name: string, value: number): void => this.write(name, "market-aware", value);
  readonly injury = (name: string, value: number): void => this.write(name, "stats-only", value, true);

  /** The row's values in `specs` order; the writer then starts the next row. */
  endRow(): number[] {
    if (this.fixed && this.values.length !== this.specs.length) {
      throw new Error(`this row has ${this.values.length} features, the first row had ${this.specs.length}`);
    }
    this.fixed = true;
    const row = this.values;
    this.values = [];
    return row;
  }

  private write(name: string, group: FeatureGroup, value: number, fromInjuryReports = false) {
    const index = this.values.length;
    if (!this.fixed) {
      if (this.specs.some((s) => s.name === name)) throw new Error(`feature "${name}" is written twice in one row`);
      this.specs.push(fromInjuryReports ? { name, group, fromInjuryReports } : { name, group });
    } else {
      const expected = this.specs[index];
      if (expected?.name !== name || expected.group !== group) {
        throw new Error(`feature ${index + 1} is "${name}" (${group}) in this row but ${expected ? `"${expected.name}" (${expected.group})` : "absent"} in the first`);
      }
    }
    this.values.push(value);
  }
}
