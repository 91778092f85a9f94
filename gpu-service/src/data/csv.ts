import { InputError, matrix, type Dataset } from "./matrix";

/**
 * Reads a numeric CSV with a header row. Blank cells become NaN (the trainer imputes them);
 * anything else that is not a number is refused with its line and column.
 */
export function parseNumericCsv(text: string, target: string, classes?: number): Dataset {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2) throw new InputError("CSV needs a header and at least one row");
  const header = lines[0]!.split(",").map((h) => h.trim());
  const targetIndex = header.indexOf(target);
  if (targetIndex < 0) throw new InputError(`target column "${target}" is not in the header (${header.join(", ")})`);
  const featureNames = header.filter((_, i) => i !== targetIndex);
  const rows = lines.length - 1;
  const x = matrix(rows, featureNames.length);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1]!.split(",");
    if (cells.length !== header.length) throw new InputError(`line ${r + 2}: ${cells.length} cells, header has ${header.length}`);
    let c = 0;
    for (let i = 0; i < cells.length; i++) {
      const raw = cells[i]!.trim();
      const value = raw === "" ? NaN : Number(raw);
      if (raw !== "" && !Number.isFinite(value)) throw new InputError(`line ${r + 2}, column "${header[i]}": "${raw}" is not a number`);
      if (i === targetIndex) {
        if (!Number.isInteger(value) || value < 0) throw new InputError(`line ${r + 2}: target "${raw}" must be a class index 0, 1, ...`);
        y[r] = value;
      } else x.data[r * featureNames.length + c++] = value;
    }
  }
  let maxLabel = 0;
  for (const label of y) maxLabel = Math.max(maxLabel, label);
  return { x, y, classes: classes ?? Math.max(2, maxLabel + 1), featureNames };
}

export function formatNumericCsv(d: Dataset, target = "target"): string {
  const out = [[...d.featureNames, target].join(",")];
  for (let r = 0; r < d.x.rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < d.x.cols; c++) row.push(String(d.x.data[r * d.x.cols + c]));
    row.push(String(d.y[r]));
    out.push(row.join(","));
  }
  return out.join("\n") + "\n";
}
