-- CreateEnum
CREATE TYPE "BotState" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'STOPPED');

-- CreateEnum
CREATE TYPE "SlipStatus" AS ENUM ('PROPOSED', 'PLACED', 'DISMISSED');

-- CreateTable
CREATE TABLE "Bot" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "slug" VARCHAR(80) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "strategyId" INTEGER NOT NULL,
    "strategyVersionId" INTEGER NOT NULL,
    "probabilitySource" VARCHAR(80) NOT NULL,
    "modelVersionIds" INTEGER[],
    "leagues" TEXT[],
    "markets" TEXT[],
    "windowHours" INTEGER NOT NULL DEFAULT 48,
    "schedule" VARCHAR(16) NOT NULL DEFAULT 'on-odds',
    "runTimes" TEXT[],
    "bankrollId" INTEGER NOT NULL,
    "unitCents" BIGINT NOT NULL,
    "state" "BotState" NOT NULL DEFAULT 'DRAFT',
    "killSwitch" BOOLEAN NOT NULL DEFAULT false,
    "recordChainId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "lastRunAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotEvent" (
    "id" SERIAL NOT NULL,
    "botId" INTEGER NOT NULL,
    "userId" TEXT,
    "action" VARCHAR(40) NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BotEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotRun" (
    "id" SERIAL NOT NULL,
    "botId" INTEGER NOT NULL,
    "trigger" VARCHAR(40) NOT NULL,
    "asOf" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "games" INTEGER NOT NULL DEFAULT 0,
    "signals" INTEGER NOT NULL DEFAULT 0,
    "taken" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "BotRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotDecision" (
    "id" BIGSERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "botId" INTEGER NOT NULL,
    "gameId" INTEGER NOT NULL,
    "market" "Market" NOT NULL,
    "selection" "Selection" NOT NULL,
    "line" DECIMAL(6,2),
    "taken" BOOLEAN NOT NULL,
    "reason" VARCHAR(40),
    "bookmakerKey" TEXT,
    "price" DECIMAL(10,5) NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "edge" DOUBLE PRECISION NOT NULL,
    "stakeCents" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BotDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotPick" (
    "id" SERIAL NOT NULL,
    "botId" INTEGER NOT NULL,
    "runId" INTEGER,
    "gameId" INTEGER NOT NULL,
    "market" "Market" NOT NULL,
    "selection" "Selection" NOT NULL,
    "line" DECIMAL(6,2),
    "bookmakerKey" TEXT NOT NULL,
    "price" DECIMAL(10,5) NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "modelVersion" TEXT,
    "stakeCents" BIGINT NOT NULL,
    "betId" INTEGER,
    "predictionSeq" INTEGER,
    "pickSeq" INTEGER,
    "resultSeq" INTEGER,
    "lockedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BotPick_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Slip" (
    "id" SERIAL NOT NULL,
    "pickId" INTEGER NOT NULL,
    "botId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "SlipStatus" NOT NULL DEFAULT 'PROPOSED',
    "bookmakerKey" TEXT NOT NULL,
    "market" "Market" NOT NULL,
    "selection" "Selection" NOT NULL,
    "line" DECIMAL(6,2),
    "priceSeen" DECIMAL(10,5) NOT NULL,
    "minPrice" DECIMAL(10,5),
    "suggestedStakeCents" BIGINT NOT NULL,
    "confirmedPrice" DECIMAL(10,5),
    "confirmedStakeCents" BIGINT,
    "placedAt" TIMESTAMPTZ(3),
    "trackedBetId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Slip_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Bot_slug_key" ON "Bot"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Bot_bankrollId_key" ON "Bot"("bankrollId");

-- CreateIndex
CREATE UNIQUE INDEX "Bot_recordChainId_key" ON "Bot"("recordChainId");

-- CreateIndex
CREATE INDEX "Bot_userId_createdAt_idx" ON "Bot"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Bot_state_idx" ON "Bot"("state");

-- CreateIndex
CREATE INDEX "BotEvent_botId_at_idx" ON "BotEvent"("botId", "at");

-- CreateIndex
CREATE INDEX "BotRun_botId_startedAt_idx" ON "BotRun"("botId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "BotDecision_runId_idx" ON "BotDecision"("runId");

-- CreateIndex
CREATE INDEX "BotDecision_botId_createdAt_idx" ON "BotDecision"("botId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "BotPick_betId_key" ON "BotPick"("betId");

-- CreateIndex
CREATE INDEX "BotPick_botId_lockedAt_idx" ON "BotPick"("botId", "lockedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "BotPick_botId_gameId_market_selection_key" ON "BotPick"("botId", "gameId", "market", "selection");

-- CreateIndex
CREATE UNIQUE INDEX "Slip_pickId_key" ON "Slip"("pickId");

-- CreateIndex
CREATE UNIQUE INDEX "Slip_trackedBetId_key" ON "Slip"("trackedBetId");

-- CreateIndex
CREATE INDEX "Slip_userId_createdAt_idx" ON "Slip"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Slip_botId_createdAt_idx" ON "Slip"("botId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "Bot" ADD CONSTRAINT "Bot_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bot" ADD CONSTRAINT "Bot_strategyId_fkey" FOREIGN KEY ("strategyId") REFERENCES "Strategy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bot" ADD CONSTRAINT "Bot_strategyVersionId_fkey" FOREIGN KEY ("strategyVersionId") REFERENCES "StrategyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bot" ADD CONSTRAINT "Bot_bankrollId_fkey" FOREIGN KEY ("bankrollId") REFERENCES "Bankroll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bot" ADD CONSTRAINT "Bot_recordChainId_fkey" FOREIGN KEY ("recordChainId") REFERENCES "RecordChain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotEvent" ADD CONSTRAINT "BotEvent_botId_fkey" FOREIGN KEY ("botId") REFERENCES "Bot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotRun" ADD CONSTRAINT "BotRun_botId_fkey" FOREIGN KEY ("botId") REFERENCES "Bot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotDecision" ADD CONSTRAINT "BotDecision_runId_fkey" FOREIGN KEY ("runId") REFERENCES "BotRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotDecision" ADD CONSTRAINT "BotDecision_botId_fkey" FOREIGN KEY ("botId") REFERENCES "Bot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotDecision" ADD CONSTRAINT "BotDecision_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotPick" ADD CONSTRAINT "BotPick_botId_fkey" FOREIGN KEY ("botId") REFERENCES "Bot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotPick" ADD CONSTRAINT "BotPick_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotPick" ADD CONSTRAINT "BotPick_betId_fkey" FOREIGN KEY ("betId") REFERENCES "Bet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slip" ADD CONSTRAINT "Slip_pickId_fkey" FOREIGN KEY ("pickId") REFERENCES "BotPick"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slip" ADD CONSTRAINT "Slip_botId_fkey" FOREIGN KEY ("botId") REFERENCES "Bot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slip" ADD CONSTRAINT "Slip_trackedBetId_fkey" FOREIGN KEY ("trackedBetId") REFERENCES "Bet"("id") ON DELETE SET NULL ON UPDATE CASCADE;
