-- AlterEnum
ALTER TYPE "AlertKind" ADD VALUE 'MODEL_CALIBRATION';

-- CreateTable
CREATE TABLE "GameFollow" (
    "userId" TEXT NOT NULL,
    "gameId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GameFollow_pkey" PRIMARY KEY ("userId","gameId")
);

-- CreateIndex
CREATE INDEX "GameFollow_gameId_idx" ON "GameFollow"("gameId");

-- AddForeignKey
ALTER TABLE "GameFollow" ADD CONSTRAINT "GameFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GameFollow" ADD CONSTRAINT "GameFollow_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "Game"("id") ON DELETE CASCADE ON UPDATE CASCADE;
