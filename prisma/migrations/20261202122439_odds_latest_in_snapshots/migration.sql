-- DropForeignKey
ALTER TABLE "OddsLatest" DROP CONSTRAINT "OddsLatest_bookmakerId_fkey";

-- DropForeignKey
ALTER TABLE "OddsLatest" DROP CONSTRAINT "OddsLatest_gameId_fkey";

-- AlterTable
ALTER TABLE "OddsSnapshot" ADD COLUMN     "latest" BOOLEAN;

-- Each key's newest live price moves from OddsLatest to a flag on its snapshot (written in the same statement).
UPDATE "OddsSnapshot" s SET latest = true FROM "OddsLatest" l
 WHERE s."gameId" = l."gameId" AND s."bookmakerId" = l."bookmakerId" AND s.market = l.market AND s.period = l.period
   AND s.selection = l.selection AND s.phase = 'SNAPSHOT' AND s."capturedAt" = l."capturedAt";

-- DropTable
DROP TABLE "OddsLatest";

-- CreateIndex
CREATE UNIQUE INDEX "OddsSnapshot_latest_key" ON "OddsSnapshot"("gameId", "bookmakerId", "market", "period", "selection") WHERE (latest);
