import type { Metadata } from "next";
import { LeagueKey } from "@/server/api/schemas";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { getLeagueName } from "@/server/services/catalog/leagues";

export { TitleLayout as default } from "@/components/shell/title-layout";

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }): Promise<Metadata> {
  const key = LeagueKey.safeParse((await params).key);
  // Signed-out visitors get no league data, not even in a title.
  const name = key.success && (await getSession())?.user ? await getLeagueName(db, key.data) : null;
  return { title: name ?? "League" };
}
