-- AlterTable
ALTER TABLE "BillingAccount" ADD COLUMN     "compEndsAt" TIMESTAMPTZ(3),
ADD COLUMN     "compPlan" "PlanId";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "disabledReason" TEXT;
