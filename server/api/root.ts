import { adminAuditRouter } from "./routers/admin-audit";
import { adminUsersRouter } from "./routers/admin-users";
import { alertsRouter } from "./routers/alerts";
import { accountRouter } from "./routers/account";
import { analystRouter } from "./routers/analyst";
import { apiKeysRouter } from "./routers/api-keys";
import { authRouter } from "./routers/auth";
import { bankrollsRouter } from "./routers/bankrolls";
import { collectionRouter } from "./routers/collection";
import { betsRouter } from "./routers/bets";
import { botsRouter } from "./routers/bots";
import { billingRouter } from "./routers/billing";
import { scannersRouter } from "./routers/scanners";
import { settingsRouter } from "./routers/settings";
import { strategiesRouter } from "./routers/strategies";
import { systemSettingsRouter } from "./routers/system-settings";
import { gamesRouter } from "./routers/games";
import { importsRouter } from "./routers/imports";
import { jobsRouter } from "./routers/jobs";
import { leaguesRouter } from "./routers/leagues";
import { modelsRouter } from "./routers/models";
import { notificationsRouter } from "./routers/notifications";
import { playersRouter } from "./routers/players";
import { upcomingRouter } from "./routers/upcoming";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
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
  analyst: analystRouter,
  notifications: notificationsRouter,
  bots: botsRouter,
  upcoming: upcomingRouter,
  billing: billingRouter,
  apiKeys: apiKeysRouter,
  alerts: alertsRouter,
  adminUsers: adminUsersRouter,
  adminAudit: adminAuditRouter,
  jobs: jobsRouter,
  systemSettings: systemSettingsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
