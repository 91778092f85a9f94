/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracketed keys for nesting
 * (`line_items[0][price]=price_1`, `metadata[userId]=u1`, `expand[]=data.price`). Used by the fake server to
 * read requests the way Stripe does: numeric or empty brackets make arrays, named brackets make objects.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

// Bounds a hostile body: Stripe itself refuses deeper nesting.
const MAX_DEPTH = 8;
const MAX_PAIRS = 1000;

function keyPath(key: string): string[] | null {
  const head = /^[^[\]]+/.exec(key);
  if (!head) return null;
  const path = [head[0]];
  let rest = key.slice(head[0].length);
  while (rest.length) {
    const part = /^\[([^[\]]*)\]/.exec(rest);
    if (!part) return null;
    path.push(part[1]!);
    rest = rest.slice(part[0].length);
  }
  return path.length > MAX_DEPTH ? null : path;
}

const isIndex = (part: string) => part === "" || /^\d{1,4}$/.test(part);

function assign(target: Record<string, FormValue> | FormValue[], path: string[], value: string): void {
  const [part, ...rest] = path as [string, ...string[]];
  const container = target as Record<string, FormValue>;
  const slot = Array.isArray(target) && part === "" ? String(target.length) : part;
  if (rest.length === 0) {
    container[slot] = value;
    return;
  }
  let child = container[slot];
  if (child === undefined || typeof child === "string") {
    child = isIndex(rest[0]!) ? [] : {};
    container[slot] = child;
  }
  assign(child as Record<string, FormValue> | FormValue[], rest, value);
}

/** Densifies arrays built from sparse indexes (`a[3]=x` alone is `["x"]`), keeping index order. */
function compact(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return Object.keys(value).sort((a, b) => Number(a) - Number(b)).map((k) => compact((value as unknown as Record<string, FormValue>)[k]!));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
}

export function parseStripeForm(body: string): Record<string, FormValue> {
  const result: Record<string, FormValue> = {};
  const pairs = body.split("&").filter(Boolean);
  if (pairs.length > MAX_PAIRS) throw new Error(`too many parameters (${pairs.length})`);
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : decode(pair.slice(eq + 1));
    const path = keyPath(key);
    if (!path) throw new Error(`malformed parameter name: ${key.slice(0, 80)}`);
    assign(result, path, value);
  }
  return compact(result) as Record<string, FormValue>;
}
