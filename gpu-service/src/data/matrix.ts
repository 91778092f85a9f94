/** A dense row-major float32 matrix: the only input shape the trainer knows. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** Training data: features plus a class index per row (0/1 for binary targets, 0..K-1 for K classes). */
export interface Dataset {
  x: Matrix;
  y: Int32Array;
  classes: number;
  featureNames: string[];
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export function matrix(rows: number, cols: number, data?: Float32Array): Matrix {
  if (data && data.length !== rows * cols) throw new InputError(`matrix data has ${data.length} values, expected ${rows * cols}`);
  return { rows, cols, data: data ?? new Float32Array(rows * cols) };
}

export function fromRows(values: ArrayLike<number>[]): Matrix {
  const rows = values.length;
  const cols = rows ? values[0]!.length : 0;
  const m = matrix(rows, cols);
  values.forEach((row, r) => {
    if (row.length !== cols) throw new InputError(`row ${r} has ${row.length} values, expected ${cols}`);
    for (let c = 0; c < cols; c++) m.data[r * cols + c] = row[c]!;
  });
  return m;
}

/** Rows [start, end) of a dataset, sharing no memory with it. */
export function sliceDataset(d: Dataset, start: number, end: number): Dataset {
  return {
    x: matrix(end - start, d.x.cols, d.x.data.slice(start * d.x.cols, end * d.x.cols)),
    y: d.y.slice(start, end),
    classes: d.classes,
    featureNames: d.featureNames,
  };
}

/** Checks labels and shapes once, so every trainer can trust its input. */
export function validateDataset(d: Dataset): void {
  if (d.x.rows !== d.y.length) throw new InputError(`${d.x.rows} feature rows but ${d.y.length} labels`);
  if (d.x.rows < 2) throw new InputError("need at least 2 training rows");
  if (d.x.cols < 1) throw new InputError("need at least 1 feature");
  if (!Number.isInteger(d.classes) || d.classes < 2) throw new InputError("need at least 2 classes");
  for (let i = 0; i < d.y.length; i++) {
    const label = d.y[i]!;
    if (label < 0 || label >= d.classes) throw new InputError(`label ${label} on row ${i} is outside 0..${d.classes - 1}`);
  }
  for (let i = 0; i < d.x.data.length; i++) {
    if (d.x.data[i] === Infinity || d.x.data[i] === -Infinity) {
      throw new InputError(`infinite value at row ${Math.floor(i / d.x.cols)}, column ${i % d.x.cols}`);
    }
  }
}
