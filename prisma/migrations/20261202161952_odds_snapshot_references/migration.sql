-- OddsSnapshot's references (game, bookmaker, import run) are enforced once per statement instead of by foreign
-- keys. PostgreSQL checks a foreign key one inserted row at a time; a first live poll writes ~28,000 rows and the
-- three checks were about 40% of its database time. The triggers below keep the same rules, set-based:
--   - every written row's game, bookmaker and import run (when set) must exist, and they are locked FOR KEY SHARE
--     for the rest of the transaction, so a concurrent delete waits and then sees the new rows (as with a key);
--   - deleting a game deletes its snapshots (was ON DELETE CASCADE);
--   - deleting a bookmaker that snapshots refer to is refused (was ON DELETE RESTRICT);
--   - deleting an import run clears importRunId on its snapshots (was ON DELETE SET NULL);
--   - the referenced ids never change (the keys cascaded id updates; nothing updates them, so a change is refused).

-- DropForeignKey
ALTER TABLE "OddsSnapshot" DROP CONSTRAINT "OddsSnapshot_bookmakerId_fkey";

-- DropForeignKey
ALTER TABLE "OddsSnapshot" DROP CONSTRAINT "OddsSnapshot_gameId_fkey";

-- DropForeignKey
ALTER TABLE "OddsSnapshot" DROP CONSTRAINT "OddsSnapshot_importRunId_fkey";

CREATE FUNCTION "odds_snapshot_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- Lock first, then look: a row deleted by a transaction that committed while we waited is then seen as missing.
  PERFORM 1 FROM "Game" WHERE id IN (SELECT DISTINCT "gameId" FROM written) FOR KEY SHARE;
  PERFORM 1 FROM "Bookmaker" WHERE id IN (SELECT DISTINCT "bookmakerId" FROM written) FOR KEY SHARE;
  PERFORM 1 FROM "ImportRun"
   WHERE id IN (SELECT DISTINCT "importRunId" FROM written WHERE "importRunId" IS NOT NULL) FOR KEY SHARE;
  SELECT format('game %s', w.id) INTO missing
    FROM (SELECT DISTINCT "gameId" AS id FROM written) w
   WHERE NOT EXISTS (SELECT 1 FROM "Game" g WHERE g.id = w.id) LIMIT 1;
  IF missing IS NULL THEN
    SELECT format('bookmaker %s', w.id) INTO missing
      FROM (SELECT DISTINCT "bookmakerId" AS id FROM written) w
     WHERE NOT EXISTS (SELECT 1 FROM "Bookmaker" b WHERE b.id = w.id) LIMIT 1;
  END IF;
  IF missing IS NULL THEN
    SELECT format('import run %s', w.id) INTO missing
      FROM (SELECT DISTINCT "importRunId" AS id FROM written WHERE "importRunId" IS NOT NULL) w
     WHERE NOT EXISTS (SELECT 1 FROM "ImportRun" r WHERE r.id = w.id) LIMIT 1;
  END IF;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'OddsSnapshot refers to a % that does not exist', missing USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "OddsSnapshot_references_insert" AFTER INSERT ON "OddsSnapshot"
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION "odds_snapshot_check_references"();
CREATE TRIGGER "OddsSnapshot_references_update" AFTER UPDATE ON "OddsSnapshot"
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION "odds_snapshot_check_references"();

CREATE FUNCTION "odds_snapshot_game_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "OddsSnapshot" WHERE "gameId" IN (SELECT id FROM removed);
  RETURN NULL;
END $$;
CREATE TRIGGER "Game_odds_snapshots_delete" AFTER DELETE ON "Game"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "odds_snapshot_game_deleted"();

CREATE FUNCTION "odds_snapshot_bookmaker_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced integer;
BEGIN
  SELECT s."bookmakerId" INTO referenced FROM "OddsSnapshot" s WHERE s."bookmakerId" IN (SELECT id FROM removed) LIMIT 1;
  IF referenced IS NOT NULL THEN
    RAISE EXCEPTION 'bookmaker % has stored prices and cannot be deleted', referenced USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Bookmaker_odds_snapshots_restrict" AFTER DELETE ON "Bookmaker"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "odds_snapshot_bookmaker_deleted"();

CREATE FUNCTION "odds_snapshot_import_run_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "OddsSnapshot" SET "importRunId" = NULL WHERE "importRunId" IN (SELECT id FROM removed);
  RETURN NULL;
END $$;
CREATE TRIGGER "ImportRun_odds_snapshots_set_null" AFTER DELETE ON "ImportRun"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "odds_snapshot_import_run_deleted"();

CREATE FUNCTION "odds_snapshot_referenced_id_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.id is referenced by stored prices and never changes', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
END $$;
CREATE TRIGGER "Game_id_fixed" BEFORE UPDATE OF id ON "Game"
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "odds_snapshot_referenced_id_fixed"();
CREATE TRIGGER "Bookmaker_id_fixed" BEFORE UPDATE OF id ON "Bookmaker"
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "odds_snapshot_referenced_id_fixed"();
CREATE TRIGGER "ImportRun_id_fixed" BEFORE UPDATE OF id ON "ImportRun"
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "odds_snapshot_referenced_id_fixed"();
