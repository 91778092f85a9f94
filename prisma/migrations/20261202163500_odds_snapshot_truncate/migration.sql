-- TRUNCATE fires no DELETE trigger. With foreign keys, TRUNCATE "Game" (or "Bookmaker", or "ImportRun") CASCADE
-- emptied OddsSnapshot too; these triggers keep that, so a truncated catalogue never leaves prices pointing at
-- nothing (tests and resets truncate; the product never does).
CREATE FUNCTION "odds_snapshot_referenced_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "OddsSnapshot";
  RETURN NULL;
END $$;

CREATE TRIGGER "Game_odds_snapshots_truncate" AFTER TRUNCATE ON "Game"
  FOR EACH STATEMENT EXECUTE FUNCTION "odds_snapshot_referenced_truncated"();
CREATE TRIGGER "Bookmaker_odds_snapshots_truncate" AFTER TRUNCATE ON "Bookmaker"
  FOR EACH STATEMENT EXECUTE FUNCTION "odds_snapshot_referenced_truncated"();
CREATE TRIGGER "ImportRun_odds_snapshots_truncate" AFTER TRUNCATE ON "ImportRun"
  FOR EACH STATEMENT EXECUTE FUNCTION "odds_snapshot_referenced_truncated"();
