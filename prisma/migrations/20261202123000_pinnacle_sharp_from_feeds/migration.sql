-- Live collection used to create a bookmaker it saw first with the feed's name and no flags, so an installation
-- that collected before importing archives had Pinnacle as a soft book (no sharp consensus for value scans).
-- New rows take the catalogue's flags (server/domain/collectors/odds-api-books.ts); this mends the old ones.
UPDATE "Bookmaker" SET "isSharp" = true WHERE key = 'pinnacle' AND NOT "isSharp";
