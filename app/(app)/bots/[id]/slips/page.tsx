"use client";

import { use } from "react";
import { SlipsView } from "@/components/bots/slips-view";
import { EmptyState } from "@/components/shell/states";
import { idFromParam } from "@/server/api/schemas";

export default function BotSlipsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idFromParam(use(params).id);
  if (id === null) return <EmptyState title="No such bot" />;
  return <SlipsView botId={id} />;
}
