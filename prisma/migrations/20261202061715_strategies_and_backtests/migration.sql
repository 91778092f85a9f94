-- CreateEnum
CREATE TYPE "BacktestStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "WalkForwardPrediction" (
    "evaluationId" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "gameId" INTEGER NOT NULL,
    "testSeason" INTEGER NOT NULL,
    "home" DOUBLE PRECISION NOT NULL,
    "draw" DOUBLE PRECISION,
    "away" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "WalkForwardPrediction_pkey" PRIMARY KEY ("evaluationId","model","gameId")
);

-- CreateTable
CREATE TABLE "Strategy" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "currentVersionId" INTEGER,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Strategy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StrategyVersion" (
    "id" SERIAL NOT NULL,
    "strategyId" INTEGER NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "definition" JSONB NOT NULL,
    "schemaVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StrategyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Backtest" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "strategyVersionId" INTEGER NOT NULL,
    "requestKey" TEXT NOT NULL,
    "status" "BacktestStatus" NOT NULL DEFAULT 'QUEUED',
    "request" JSONB NOT NULL,
    "strategyHash" CHAR(64) NOT NULL,
    "dataFrom" TIMESTAMPTZ(3),
    "dataTo" TIMESTAMPTZ(3),
    "codeVersion" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "progressNote" TEXT,
    "error" TEXT,
    "report" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Backtest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WalkForwardPrediction_gameId_idx" ON "WalkForwardPrediction"("gameId");

-- CreateIndex
CREATE UNIQUE INDEX "Strategy_currentVersionId_key" ON "Strategy"("currentVersionId");

-- CreateIndex
CREATE INDEX "Strategy_userId_updatedAt_idx" ON "Strategy"("userId", "updatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "StrategyVersion_strategyId_hash_key" ON "StrategyVersion"("strategyId", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "Backtest_requestKey_key" ON "Backtest"("requestKey");

-- CreateIndex
CREATE INDEX "Backtest_userId_createdAt_idx" ON "Backtest"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Backtest_strategyVersionId_createdAt_idx" ON "Backtest"("strategyVersionId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Backtest_status_createdAt_idx" ON "Backtest"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "WalkForwardPrediction" ADD CONSTRAINT "WalkForwardPrediction_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalkForwardPrediction" ADD CONSTRAINT "WalkForwardPrediction_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Strategy" ADD CONSTRAINT "Strategy_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Strategy" ADD CONSTRAINT "Strategy_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "StrategyVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StrategyVersion" ADD CONSTRAINT "StrategyVersion_strategyId_fkey" FOREIGN KEY ("strategyId") REFERENCES "Strategy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Backtest" ADD CONSTRAINT "Backtest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Backtest" ADD CONSTRAINT "Backtest_strategyVersionId_fkey" FOREIGN KEY ("strategyVersionId") REFERENCES "StrategyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
