import { authRouter } from "./routers/auth";
import { gamesRouter } from "./routers/games";
import { importsRouter } from "./routers/imports";
import { leaguesRouter } from "./routers/leagues";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  leagues: leaguesRouter,
  games: gamesRouter,
  imports: importsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
