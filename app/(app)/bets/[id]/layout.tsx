import type { Metadata } from "next";
import { idFromParam } from "@/server/api/schemas";

export { TitleLayout as default } from "@/components/shell/title-layout";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const id = idFromParam((await params).id);
  return { title: id !== null ? `Bet #${id}` : "Bet" };
}
