-- Live collection compares each incoming price with the newest SNAPSHOT row of its key in OddsSnapshot (through
-- the identity index) instead of a copy of it in OddsLatest: a first poll writes each price once, not twice.
-- The bookmakerId index served no read (reads start from games) and cost about a tenth of every write.

-- DropForeignKey
ALTER TABLE "OddsLatest" DROP CONSTRAINT "OddsLatest_bookmakerId_fkey";

-- DropForeignKey
ALTER TABLE "OddsLatest" DROP CONSTRAINT "OddsLatest_gameId_fkey";

-- DropIndex
DROP INDEX "OddsSnapshot_bookmakerId_idx";

-- DropTable
DROP TABLE "OddsLatest";
