"use client";

import { use } from "react";
import { BotDashboard } from "@/components/bots/bot-dashboard";
import { EmptyState } from "@/components/shell/states";
import { idFromParam } from "@/server/api/schemas";

export default function BotPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idFromParam(use(params).id);
  if (id === null) return <EmptyState title="No such bot" />;
  return <BotDashboard id={id} />;
}
