export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A small parser for the Prometheus text format: samples, plus the HELP and TYPE of each metric family. */
export function parseExposition(text: string) {
  const samples: Sample[] = [];
  const help = new Map<string, string>();
  const type = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (line.startsWith("#")) {
      const [, keyword, name, ...rest] = line.split(" ");
      if (keyword === "HELP") help.set(name!, rest.join(" "));
      if (keyword === "TYPE") type.set(name!, rest.join(" "));
      continue;
    }
    const nameEnd = line.search(/[{ ]/);
    const name = line.slice(0, nameEnd);
    const labels: Record<string, string> = {};
    let i = nameEnd;
    if (line[i] === "{") {
      i++;
      while (line[i] !== "}") {
        const eq = line.indexOf("=", i);
        const key = line.slice(i, eq).replace(/^,/, "");
        let value = "";
        i = eq + 2; // past ="
        while (line[i] !== '"') {
          if (line[i] === "\\") {
            i++;
            value += line[i] === "n" ? "\n" : line[i];
          } else value += line[i];
          i++;
        }
        labels[key] = value;
        i++; // past the closing quote
        if (line[i] === ",") i++;
      }
      i++; // past }
    }
    samples.push({ name, labels, value: Number(line.slice(i).trim().split(" ")[0]) });
  }
  return { samples, help, type };
}

export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
}
