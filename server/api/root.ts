import { authRouter } from "./routers/auth";
import { bankrollsRouter } from "./routers/bankrolls";
import { collectionRouter } from "./routers/collection";
import { betsRouter } from "./routers/bets";
import { billingRouter } from "./routers/billing";
import { scannersRouter } from "./routers/scanners";
import { settingsRouter } from "./routers/settings";
import { strategiesRouter } from "./routers/strategies";
import { gamesRouter } from "./routers/games";
import { importsRouter } from "./routers/imports";
import { leaguesRouter } from "./routers/leagues";
import { modelsRouter } from "./routers/models";
import { playersRouter } from "./routers/players";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  leagues: leaguesRouter,
  games: gamesRouter,
  imports: importsRouter,
  bankrolls: bankrollsRouter,
  bets: betsRouter,
  scanners: scannersRouter,
  models: modelsRouter,
  settings: settingsRouter,
  players: playersRouter,
  strategies: strategiesRouter,
  collection: collectionRouter,
  billing: billingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
