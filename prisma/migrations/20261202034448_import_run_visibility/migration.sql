-- AlterTable
ALTER TABLE "Game" ADD COLUMN     "importRunId" TEXT;

-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3),
ADD COLUMN     "hiddenAt" TIMESTAMPTZ(3),
ADD COLUMN     "warnings" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OddsSnapshot" ADD COLUMN     "importRunId" TEXT;

-- AlterTable
ALTER TABLE "PlayerGameStat" ADD COLUMN     "importRunId" TEXT;

-- CreateTable
CREATE TABLE "ImportRunGame" (
    "importRunId" TEXT NOT NULL,
    "gameId" INTEGER NOT NULL,

    CONSTRAINT "ImportRunGame_pkey" PRIMARY KEY ("importRunId","gameId")
);

-- CreateIndex
CREATE INDEX "ImportRunGame_gameId_idx" ON "ImportRunGame"("gameId");

-- AddForeignKey
ALTER TABLE "PlayerGameStat" ADD CONSTRAINT "PlayerGameStat_importRunId_fkey" FOREIGN KEY ("importRunId") REFERENCES "ImportRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Game" ADD CONSTRAINT "Game_importRunId_fkey" FOREIGN KEY ("importRunId") REFERENCES "ImportRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OddsSnapshot" ADD CONSTRAINT "OddsSnapshot_importRunId_fkey" FOREIGN KEY ("importRunId") REFERENCES "ImportRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRunGame" ADD CONSTRAINT "ImportRunGame_importRunId_fkey" FOREIGN KEY ("importRunId") REFERENCES "ImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRunGame" ADD CONSTRAINT "ImportRunGame_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE CASCADE ON UPDATE CASCADE;
