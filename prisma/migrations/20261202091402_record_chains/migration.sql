-- CreateTable
CREATE TABLE "RecordChain" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(80) NOT NULL,
    "userId" TEXT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordChain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordEntry" (
    "chainId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "entryKey" VARCHAR(200) NOT NULL,
    "prevHash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "payload" TEXT NOT NULL,
    "lockedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordEntry_pkey" PRIMARY KEY ("chainId","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecordChain_slug_key" ON "RecordChain"("slug");

-- CreateIndex
CREATE INDEX "RecordChain_userId_idx" ON "RecordChain"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "RecordEntry_chainId_entryKey_key" ON "RecordEntry"("chainId", "entryKey");

-- CreateIndex
CREATE UNIQUE INDEX "RecordEntry_chainId_hash_key" ON "RecordEntry"("chainId", "hash");

-- AddForeignKey
ALTER TABLE "RecordChain" ADD CONSTRAINT "RecordChain_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordEntry" ADD CONSTRAINT "RecordEntry_chainId_fkey" FOREIGN KEY ("chainId") REFERENCES "RecordChain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Track records are append-only: an entry, once written, is never changed or removed, so a chain that verifies
-- today verifies forever and a day head a user kept stays provable. Results are added as new entries.
-- The one exception is account erasure (a person's right to have their data deleted): a transaction that ran
-- SET LOCAL linesmith.erase_record_chain = '<chainId>' may delete that one chain's rows. SET LOCAL ends with
-- the transaction, so the permission cannot leak to later work on the same connection
-- (server/services/records/chain.ts eraseRecordChain).
CREATE FUNCTION "record_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('linesmith.erase_record_chain', true) = OLD."chainId"::text THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'RecordEntry is append-only: % refused', TG_OP
    USING ERRCODE = 'raise_exception',
          DETAIL = 'A track record entry is never changed or removed; grading and corrections are new entries.',
          HINT = 'To erase a whole chain with its owner''s account, use eraseRecordChain (SET LOCAL linesmith.erase_record_chain).';
END
$$;

CREATE TRIGGER "RecordEntry_append_only_rows"
  BEFORE UPDATE OR DELETE ON "RecordEntry"
  FOR EACH ROW EXECUTE FUNCTION "record_entry_append_only"();

CREATE TRIGGER "RecordEntry_append_only_truncate"
  BEFORE TRUNCATE ON "RecordEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "record_entry_append_only"();
