import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Queryable } from "@/server/db/pool";

export interface NewModelVersion {
  userId: string;
  leagueId: number;
  evaluationId: number | null;
  name: string;
  kind: string;
  featureGroup: string;
  trainedFrom: Date;
  trainedTo: Date;
  trainGames: number;
  featureNames: string[];
  params: unknown;
  metrics: unknown;
  onnx: Uint8Array;
}

export interface StoredArtifact {
  artifactSha256: string;
  artifact: Uint8Array | null;
  artifactPath: string | null;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Records a model version with the next version number for its user, league and name. The ONNX artefact
 * goes into PostgreSQL, or into `artifactDir` (named by its hash) when one is configured.
 */
export async function registerModelVersion(db: Queryable, v: NewModelVersion, artifactDir?: string): Promise<{ id: number; version: number }> {
  const hash = sha256(v.onnx);
  let artifactPath: string | null = null;
  if (artifactDir) {
    await mkdir(artifactDir, { recursive: true });
    artifactPath = path.join(artifactDir, `${hash}.onnx`);
    await writeFile(artifactPath, v.onnx);
  }
  const { rows } = await db.query<{ id: number; version: number }>(
    `INSERT INTO "ModelVersion" ("userId", "leagueId", "evaluationId", name, kind, "featureGroup", version, "trainedFrom",
       "trainedTo", "trainGames", "featureNames", params, metrics, "artifactSha256", "artifactBytes", artifact, "artifactPath")
     SELECT $1, $2, $3, $4, $5, $6, COALESCE(MAX(version), 0) + 1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16
       FROM "ModelVersion" WHERE "userId" = $1 AND "leagueId" = $2 AND name = $4
     RETURNING id, version`,
    [
      v.userId,
      v.leagueId,
      v.evaluationId,
      v.name,
      v.kind,
      v.featureGroup,
      v.trainedFrom,
      v.trainedTo,
      v.trainGames,
      v.featureNames,
      JSON.stringify(v.params),
      JSON.stringify(v.metrics),
      hash,
      v.onnx.length,
      artifactPath ? null : Buffer.from(v.onnx),
      artifactPath,
    ],
  );
  return rows[0]!;
}

/** The artefact's bytes, checked against the hash recorded when it was registered. */
export async function loadArtifact(stored: StoredArtifact): Promise<Uint8Array> {
  const bytes = stored.artifact ?? (stored.artifactPath ? await readFile(stored.artifactPath) : null);
  if (!bytes) throw new Error("model version has no artefact");
  if (sha256(bytes) !== stored.artifactSha256) throw new Error("model artefact does not match its recorded hash");
  return new Uint8Array(bytes);
}

/** A stable hash of the feature values a prediction saw (same hash, same inputs). */
export function featuresHash(names: string[], values: number[]): string {
  return sha256(Buffer.from(JSON.stringify(names.map((n, i) => [n, Number.isNaN(values[i]) ? null : values[i]]))));
}
