import type { Metadata } from "next";
import { DbId } from "@/server/api/schemas";

export { TitleLayout as default } from "@/components/shell/title-layout";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const id = DbId.safeParse(Number((await params).id));
  return { title: id.success ? `Bet #${id.data}` : "Bet" };
}
