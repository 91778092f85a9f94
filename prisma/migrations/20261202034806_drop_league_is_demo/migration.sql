-- AlterTable
ALTER TABLE "League" DROP COLUMN "isDemo";
