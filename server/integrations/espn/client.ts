import type { RejectedRow } from "@/server/domain/collectors/types";
import { espnLeague } from "@/server/domain/collectors/espn";
import { getJson, ProviderError, type HttpOptions } from "./http";
import {
  espnEventSchema,
  espnInjuriesEnvelope,
  espnInjurySchema,
  espnInjuryTeamSchema,
  espnScoreboardEnvelope,
  type EspnEvent,
  type EspnInjuryTeam,
} from "./schema";

export { ProviderError } from "./http";

export interface EspnClientOptions extends Omit<HttpOptions, "provider"> {
  /** "https://site.api.espn.com" (ESPN_BASE_URL), or a fake server's URL. */
  baseUrl: string;
}

export interface EspnResult<T> {
  data: T;
  /** Items that failed the schema, each with ESPN's id (or its position) and the first problem. */
  rejected: RejectedRow[];
  /** HTTP requests made, retries included. */
  requests: number;
}

export interface EspnClient {
  /** GET /apis/site/v2/sports/{path}/scoreboard?dates=YYYYMMDD. A Date is taken as ESPN's (US Eastern) day. */
  scoreboard(league: string, date: Date | string): Promise<EspnResult<{ events: EspnEvent[] }>>;
  /** GET /apis/site/v2/sports/{path}/injuries: every team's report of the league (NFL, NBA). */
  injuries(league: string): Promise<EspnResult<{ injuries: EspnInjuryTeam[] }>>;
}

const PROVIDER = "espn";

/** ESPN's `dates` parameter: a "YYYYMMDD" string as is, or a Date as its US Eastern calendar day. */
export function espnDate(date: Date | string): string {
  if (typeof date === "string") {
    if (!/^\d{8}$/.test(date)) throw new ProviderError(PROVIDER, "bad-request", `date must be YYYYMMDD, got ${date}`);
    return date;
  }
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/New_York",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  })
    .formatToParts(date)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}${parts.month}${parts.day}`;
}

function issue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  return first ? `${first.path.map(String).join(".") || "value"}: ${first.message}` : "invalid";
}

function idOf(item: unknown, fallback: string): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : fallback;
}

export function createEspnClient(options: EspnClientOptions): EspnClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  const http: HttpOptions = { ...options, provider: PROVIDER };

  function pathOf(league: string, needsInjuries = false): string {
    const meta = espnLeague(league);
    if (!meta) throw new ProviderError(PROVIDER, "bad-request", `league ${league} is not collected from ESPN`);
    if (needsInjuries && !meta.injuries)
      throw new ProviderError(PROVIDER, "bad-request", `ESPN has no injury report for ${league}`);
    return meta.path;
  }

  return {
    async scoreboard(league, date) {
      const url = `${base}/apis/site/v2/sports/${pathOf(league)}/scoreboard?dates=${espnDate(date)}`;
      const { body, requests } = await getJson(url, http);
      const envelope = espnScoreboardEnvelope.safeParse(body);
      if (!envelope.success) throw new ProviderError(PROVIDER, "invalid-response", `scoreboard: ${issue(envelope.error)}`);
      const events: EspnEvent[] = [];
      const rejected: RejectedRow[] = [];
      envelope.data.events.forEach((item, i) => {
        const parsed = espnEventSchema.safeParse(item);
        if (parsed.success) events.push(parsed.data);
        else rejected.push({ event: idOf(item, `#${i}`), message: issue(parsed.error) });
      });
      return { data: { events }, rejected, requests };
    },

    async injuries(league) {
      const url = `${base}/apis/site/v2/sports/${pathOf(league, true)}/injuries`;
      const { body, requests } = await getJson(url, http);
      const envelope = espnInjuriesEnvelope.safeParse(body);
      if (!envelope.success) throw new ProviderError(PROVIDER, "invalid-response", `injuries: ${issue(envelope.error)}`);
      const teams: EspnInjuryTeam[] = [];
      const rejected: RejectedRow[] = [];
      envelope.data.injuries.forEach((item, i) => {
        const team = espnInjuryTeamSchema.safeParse(item);
        if (!team.success) {
          rejected.push({ event: `team:${idOf(item, `#${i}`)}`, message: issue(team.error) });
          return;
        }
        const injuries: EspnInjuryTeam["injuries"] = [];
        team.data.injuries.forEach((row, j) => {
          const parsed = espnInjurySchema.safeParse(row);
          if (parsed.success) injuries.push(parsed.data);
          else rejected.push({ event: `team:${team.data.id}/${idOf(row, `#${j}`)}`, message: issue(parsed.error) });
        });
        teams.push({ ...team.data, injuries });
      });
      return { data: { injuries: teams }, rejected, requests };
    },
  };
}
