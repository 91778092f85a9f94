import type { Metadata } from "next";
import { versus } from "@/lib/format";
import { DbId } from "@/server/api/schemas";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { getMatchup } from "@/server/services/catalog/games";

export { TitleLayout as default } from "@/components/shell/title-layout";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const id = DbId.safeParse(Number((await params).id));
  // Signed-out visitors get no game data, not even in a title.
  const game = id.success && (await getSession())?.user ? await getMatchup(db, id.data) : null;
  return { title: game ? `${game.homeTeam.name} ${versus(game.neutralSite)} ${game.awayTeam.name}` : "Game" };
}
