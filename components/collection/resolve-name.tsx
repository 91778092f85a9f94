"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { trpc } from "@/lib/trpc";

/** Resolves a queued name to one of its league's teams: the name becomes that team's alias for every later poll. */
export function ResolveName({ reviewId, name }: { reviewId: number; name: string }) {
  const [open, setOpen] = useState(false);
  const [teamId, setTeamId] = useState<number | null>(null);
  const teams = trpc.collection.reviewTeams.useQuery({ reviewId }, { enabled: open });
  const utils = trpc.useUtils();
  const resolve = trpc.collection.resolveName.useMutation({ onSuccess: () => utils.collection.health.invalidate() });
  if (!open)
    return (
      <Button type="button" variant="outline" size="sm" onClick={() => setOpen(true)}>
        Resolve
      </Button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <NativeSelect
        aria-label={`Team that "${name}" names`}
        value={teamId ?? ""}
        onChange={(e) => setTeamId(Number(e.target.value) || null)}
      >
        <option value="">{teams.isLoading ? "Loading teams..." : "Choose the team"}</option>
        {(teams.data ?? []).map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </NativeSelect>
      <Button
        type="button"
        size="sm"
        disabled={teamId === null || resolve.isPending}
        onClick={() => teamId && resolve.mutate({ reviewId, teamId })}
      >
        Save alias
      </Button>
      {resolve.error && <span className="text-sm text-destructive">{resolve.error.message}</span>}
    </div>
  );
}
