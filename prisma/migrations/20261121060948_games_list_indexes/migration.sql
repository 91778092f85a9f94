-- DropIndex
DROP INDEX "Game_leagueId_startsAt_idx";

-- DropIndex
DROP INDEX "Game_seasonId_startsAt_idx";

-- DropIndex
DROP INDEX "Game_startsAt_idx";

-- CreateIndex
CREATE INDEX "Game_leagueId_startsAt_id_idx" ON "Game"("leagueId", "startsAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Game_seasonId_startsAt_id_idx" ON "Game"("seasonId", "startsAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Game_startsAt_id_idx" ON "Game"("startsAt" DESC, "id" DESC);
