-- AlterTable
ALTER TABLE "Game" ADD COLUMN     "gustKph" DOUBLE PRECISION,
ADD COLUMN     "precipitationMm" DOUBLE PRECISION,
ADD COLUMN     "weatherForecastAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "OddsSnapshot" ADD COLUMN     "receivedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "OddsLatest" (
    "gameId" INTEGER NOT NULL,
    "bookmakerId" INTEGER NOT NULL,
    "market" "Market" NOT NULL,
    "period" "MarketPeriod" NOT NULL,
    "selection" "Selection" NOT NULL,
    "line" DECIMAL(6,2),
    "price" DECIMAL(10,5) NOT NULL,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "OddsLatest_pkey" PRIMARY KEY ("gameId","bookmakerId","market","period","selection")
);

-- CreateTable
CREATE TABLE "ProviderState" (
    "provider" TEXT NOT NULL,
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastErrorAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "circuitOpenUntil" TIMESTAMPTZ(3),
    "skippedReason" TEXT,
    "lastSkippedAt" TIMESTAMPTZ(3),
    "quotaRemaining" INTEGER,
    "quotaUsed" INTEGER,
    "lastRunCounts" JSONB,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderState_pkey" PRIMARY KEY ("provider")
);

-- CreateTable
CREATE TABLE "TeamNameReview" (
    "id" SERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "leagueId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen" INTEGER NOT NULL DEFAULT 1,
    "resolvedTeamId" INTEGER,

    CONSTRAINT "TeamNameReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InjuryReport" (
    "id" BIGSERIAL NOT NULL,
    "leagueId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "player" TEXT NOT NULL,
    "position" TEXT,
    "status" TEXT NOT NULL,
    "type" TEXT,
    "reportedAt" TIMESTAMPTZ(3),
    "collectedAt" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "InjuryReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TeamNameReview_provider_leagueId_name_key" ON "TeamNameReview"("provider", "leagueId", "name");

-- CreateIndex
CREATE INDEX "InjuryReport_teamId_collectedAt_idx" ON "InjuryReport"("teamId", "collectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InjuryReport_change_key" ON "InjuryReport"("teamId", "player", "status", "reportedAt") NULLS NOT DISTINCT;

-- AddForeignKey
ALTER TABLE "OddsLatest" ADD CONSTRAINT "OddsLatest_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OddsLatest" ADD CONSTRAINT "OddsLatest_bookmakerId_fkey" FOREIGN KEY ("bookmakerId") REFERENCES "Bookmaker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamNameReview" ADD CONSTRAINT "TeamNameReview_leagueId_fkey" FOREIGN KEY ("leagueId") REFERENCES "League"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamNameReview" ADD CONSTRAINT "TeamNameReview_resolvedTeamId_fkey" FOREIGN KEY ("resolvedTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InjuryReport" ADD CONSTRAINT "InjuryReport_leagueId_fkey" FOREIGN KEY ("leagueId") REFERENCES "League"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InjuryReport" ADD CONSTRAINT "InjuryReport_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
