import { loadOnnx, matrix, type OnnxModel } from "@linesmith/gpu-service";

/**
 * ONNX Runtime sessions, one per model version, kept while in use (a session costs milliseconds to
 * create and a few MB to hold). Least recently used sessions are released beyond `capacity`.
 */
export class SessionCache {
  private readonly sessions = new Map<string, Promise<OnnxModel>>();

  constructor(private readonly capacity = 32) {}

  async get(key: string, load: () => Promise<Uint8Array> | Uint8Array): Promise<OnnxModel> {
    let session = this.sessions.get(key);
    if (session) {
      this.sessions.delete(key);
    } else {
      session = Promise.resolve(load()).then((bytes) => loadOnnx(bytes));
      session.catch(() => this.sessions.delete(key));
    }
    this.sessions.set(key, session);
    while (this.sessions.size > this.capacity) {
      const [oldest, evicted] = this.sessions.entries().next().value!;
      this.sessions.delete(oldest);
      void evicted.then((s) => s.release()).catch(() => undefined);
    }
    return session;
  }

  async clear(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.then((m) => m.release()).catch(() => undefined)));
  }
}

/** Batch inference: rows of feature values in, one probability row per input row out. */
export async function predictRows(model: OnnxModel, rows: number[][], features: number): Promise<number[][]> {
  if (rows.length === 0) return [];
  const m = matrix(rows.length, features);
  rows.forEach((r, i) => m.data.set(r, i * features));
  const flat = await model.run(m);
  const k = flat.length / rows.length;
  return rows.map((_, i) => Array.from(flat.subarray(i * k, (i + 1) * k)));
}
