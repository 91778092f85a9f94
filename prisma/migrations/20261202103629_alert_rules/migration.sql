-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('VALUE_BET', 'STEAM_MOVE', 'TARGET_PRICE', 'BOT_SLIPS');

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "params" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertRule_userId_idx" ON "AlertRule"("userId");

-- CreateIndex
CREATE INDEX "AlertRule_kind_enabled_idx" ON "AlertRule"("kind", "enabled");

-- AddForeignKey
ALTER TABLE "AlertRule" ADD CONSTRAINT "AlertRule_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One bot-slips rule per user: it is a switch, not a list (created under the user's row lock as well).
CREATE UNIQUE INDEX "AlertRule_one_bot_slips_per_user" ON "AlertRule"("userId") WHERE kind = 'BOT_SLIPS';
