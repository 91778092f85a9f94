-- AlterTable
ALTER TABLE "Bet" ADD COLUMN     "lateEntry" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "settlementError" TEXT,
ADD COLUMN     "settlementFailedAt" TIMESTAMPTZ(3),
ALTER COLUMN "stakeCents" SET DATA TYPE BIGINT,
ALTER COLUMN "profitCents" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "LedgerEntry" ALTER COLUMN "amountCents" SET DATA TYPE BIGINT;

-- Hand-written: bets already recorded after their game's kick-off are late entries.
UPDATE "Bet" b SET "lateEntry" = true FROM "Game" g WHERE g.id = b."gameId" AND b."createdAt" > g."startsAt";
