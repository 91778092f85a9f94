import type { Metadata } from "next";
import { formatMatchup } from "@/lib/format";
import { idFromParam } from "@/server/api/schemas";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { getMatchup } from "@/server/services/catalog/games";

export { TitleLayout as default } from "@/components/shell/title-layout";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const id = idFromParam((await params).id);
  // Signed-out visitors get no game data, not even in a title.
  const game = id !== null && (await getSession())?.user ? await getMatchup(db, id) : null;
  return { title: game ? formatMatchup({ home: game.homeTeam.name, away: game.awayTeam.name, sport: game.league.sport.key, neutralSite: game.neutralSite }) : "Game" };
}
