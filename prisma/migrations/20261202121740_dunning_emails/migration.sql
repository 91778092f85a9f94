-- AlterTable
ALTER TABLE "BillingAccount" DROP COLUMN "dunningAttempt",
DROP COLUMN "dunningInvoiceId";

-- CreateTable
CREATE TABLE "DunningEmail" (
    "invoiceId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "DunningEmail_pkey" PRIMARY KEY ("invoiceId","attempt")
);

-- CreateIndex
CREATE INDEX "DunningEmail_userId_sentAt_idx" ON "DunningEmail"("userId", "sentAt");

-- AddForeignKey
ALTER TABLE "DunningEmail" ADD CONSTRAINT "DunningEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
