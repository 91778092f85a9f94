-- DropIndex
DROP INDEX "Prediction_gameId_idx";

-- DropIndex
DROP INDEX "Prediction_modelVersionId_gameId_key";

-- CreateIndex
CREATE INDEX "Prediction_gameId_createdAt_idx" ON "Prediction"("gameId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Prediction_modelVersionId_gameId_featuresHash_key" ON "Prediction"("modelVersionId", "gameId", "featuresHash");
