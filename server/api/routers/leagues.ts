import { z } from "zod";
import { getLeague, listLeagues, listTeams } from "@/server/services/catalog/leagues";
import { escapeLike, LeagueKey, SearchTerm } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const LeagueSummary = z.object({
  key: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  sport: z.object({ key: z.string(), name: z.string() }),
  games: z.number(),
  teams: z.number(),
  seasons: z.number(),
});

const LeagueDetail = LeagueSummary.omit({ games: true, teams: true, seasons: true }).extend({
  seasons: z.array(
    z.object({
      label: z.string(),
      startYear: z.number(),
      games: z.number(),
      gamesWithOdds: z.number(),
      firstGame: z.date(),
      lastGame: z.date(),
    }),
  ),
});

export const leaguesRouter = router({
  list: protectedProcedure.output(z.array(LeagueSummary)).query(({ ctx }) => listLeagues(ctx.db)),
  byKey: protectedProcedure
    .input(z.object({ key: LeagueKey }))
    .output(LeagueDetail)
    .query(({ ctx, input }) => getLeague(ctx.db, input.key)),
  teams: protectedProcedure
    .input(z.object({ league: LeagueKey, search: SearchTerm.transform(escapeLike).optional() }))
    .output(z.array(z.object({ id: z.number(), name: z.string(), abbreviation: z.string().nullable(), kind: z.enum(["TEAM", "INDIVIDUAL"]) })))
    .query(({ ctx, input }) => listTeams(ctx.db, input.league, input.search)),
});
