-- CreateEnum
CREATE TYPE "OddsFormat" AS ENUM ('decimal', 'american', 'fractional');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'USD',
ADD COLUMN     "oddsFormat" "OddsFormat" NOT NULL DEFAULT 'decimal',
ADD COLUMN     "timeZone" TEXT;
