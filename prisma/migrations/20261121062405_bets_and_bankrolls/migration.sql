-- CreateEnum
CREATE TYPE "BankrollKind" AS ENUM ('MANUAL', 'BOT');

-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('DEPOSIT', 'WITHDRAWAL', 'STAKE', 'STAKE_ADJUSTMENT', 'SETTLEMENT', 'SETTLEMENT_REVERSAL', 'VOID_REFUND');

-- CreateEnum
CREATE TYPE "BetStatus" AS ENUM ('OPEN', 'SETTLED', 'VOID');

-- CreateEnum
CREATE TYPE "BetOutcome" AS ENUM ('WIN', 'HALF_WIN', 'PUSH', 'HALF_LOSS', 'LOSS');

-- CreateEnum
CREATE TYPE "BetOrigin" AS ENUM ('MANUAL', 'CSV', 'BOT');

-- CreateEnum
CREATE TYPE "BetAction" AS ENUM ('CREATE', 'EDIT', 'VOID', 'SETTLE', 'UNSETTLE');

-- CreateTable
CREATE TABLE "Bankroll" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "BankrollKind" NOT NULL DEFAULT 'MANUAL',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Bankroll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" SERIAL NOT NULL,
    "bankrollId" INTEGER NOT NULL,
    "betId" INTEGER,
    "kind" "LedgerKind" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bet" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "bankrollId" INTEGER NOT NULL,
    "gameId" INTEGER NOT NULL,
    "market" "Market" NOT NULL,
    "selection" "Selection" NOT NULL,
    "line" DECIMAL(6,2),
    "bookmakerId" INTEGER,
    "price" DECIMAL(10,5) NOT NULL,
    "stakeCents" INTEGER NOT NULL,
    "placedAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "BetStatus" NOT NULL DEFAULT 'OPEN',
    "outcome" "BetOutcome",
    "profitCents" INTEGER,
    "settledAt" TIMESTAMPTZ(3),
    "closingPrice" DECIMAL(10,5),
    "closingFairProbability" DOUBLE PRECISION,
    "clv" DOUBLE PRECISION,
    "closingLine" DECIMAL(6,2),
    "clvPoints" DECIMAL(6,2),
    "clvBasis" TEXT,
    "origin" "BetOrigin" NOT NULL DEFAULT 'MANUAL',
    "externalRef" TEXT,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BetEvent" (
    "id" SERIAL NOT NULL,
    "betId" INTEGER NOT NULL,
    "userId" TEXT,
    "action" "BetAction" NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BetEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "ok" BOOLEAN,
    "result" JSONB,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Bankroll_userId_name_key" ON "Bankroll"("userId", "name");

-- CreateIndex
CREATE INDEX "LedgerEntry_bankrollId_occurredAt_id_idx" ON "LedgerEntry"("bankrollId", "occurredAt", "id");

-- CreateIndex
CREATE INDEX "LedgerEntry_betId_idx" ON "LedgerEntry"("betId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_bankrollId_idempotencyKey_key" ON "LedgerEntry"("bankrollId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Bet_userId_placedAt_id_idx" ON "Bet"("userId", "placedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Bet_gameId_status_idx" ON "Bet"("gameId", "status");

-- CreateIndex
CREATE INDEX "Bet_bankrollId_idx" ON "Bet"("bankrollId");

-- CreateIndex
CREATE UNIQUE INDEX "Bet_userId_externalRef_key" ON "Bet"("userId", "externalRef");

-- CreateIndex
CREATE INDEX "BetEvent_betId_at_idx" ON "BetEvent"("betId", "at");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt" DESC);

-- AddForeignKey
ALTER TABLE "Bankroll" ADD CONSTRAINT "Bankroll_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_bankrollId_fkey" FOREIGN KEY ("bankrollId") REFERENCES "Bankroll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_betId_fkey" FOREIGN KEY ("betId") REFERENCES "Bet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_bankrollId_fkey" FOREIGN KEY ("bankrollId") REFERENCES "Bankroll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_bookmakerId_fkey" FOREIGN KEY ("bookmakerId") REFERENCES "Bookmaker"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BetEvent" ADD CONSTRAINT "BetEvent_betId_fkey" FOREIGN KEY ("betId") REFERENCES "Bet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: money and prices the database itself refuses.
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_stake_positive" CHECK ("stakeCents" > 0);
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_price_above_one" CHECK ("price" > 1);
ALTER TABLE "Bet" ADD CONSTRAINT "Bet_settled_has_outcome" CHECK (("status" = 'SETTLED') = ("outcome" IS NOT NULL AND "profitCents" IS NOT NULL));
