-- CreateTable
CREATE TABLE "JobControl" (
    "jobId" TEXT NOT NULL,
    "pausedAt" TIMESTAMPTZ(3),
    "pausedBy" TEXT,
    "reason" VARCHAR(500),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobControl_pkey" PRIMARY KEY ("jobId")
);

-- CreateTable
CREATE TABLE "SystemSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,

    CONSTRAINT "SystemSetting_pkey" PRIMARY KEY ("key")
);
