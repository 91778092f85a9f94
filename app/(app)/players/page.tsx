"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { FieldError, FormError, useFormErrors } from "@/components/shell/form-errors";
import { EmptyState, LoadingRows } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { plural } from "@/lib/format";
import { trpc } from "@/lib/trpc";

function PlayerSearch() {
  const router = useRouter();
  const pathname = usePathname();
  const term = useSearchParams().get("q") ?? "";
  const [text, setText] = useState(term);
  const errors = useFormErrors<"term">({ term: "term" });
  const hits = trpc.players.search.useQuery({ term }, { enabled: term.trim().length >= 2 });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Players</h1>
      <form
        className="flex flex-col gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          errors.clear();
          if (text.trim().length < 2) return errors.fail("term", "type at least 2 letters of the name");
          router.replace(`${pathname}?q=${encodeURIComponent(text.trim())}`);
        }}
      >
        <Label htmlFor="player-q">Player name</Label>
        <div className="flex gap-2">
          <Input id="player-q" placeholder="e.g. LeBron" value={text} maxLength={80} onChange={(e) => setText(e.target.value)} {...errors.describe("term", "player-q")} />
          <Button type="submit">Search</Button>
        </div>
        <FieldError id="player-q" message={errors.fields.term} />
      </form>
      {hits.error && <FormError message={hits.error.message} />}
      {hits.isLoading && term.length >= 2 && <LoadingRows rows={5} />}
      {hits.data?.length === 0 && <EmptyState title={`No player's name contains “${term}”`}>Check the spelling, or import NBA box scores on the Imports page.</EmptyState>}
      {!!hits.data?.length && (
        <ul className="flex flex-col divide-y rounded-lg border" aria-label="Players found">
          {hits.data.map((p) => (
            <li key={p.id}>
              <Link href={`/players/${p.id}`} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2.5 hover:bg-muted/50">
                <span className="font-medium">{p.name}</span>
                <span className="text-xs text-muted-foreground">
                  {[p.position, p.team, p.league].filter(Boolean).join(" · ")} · {plural(p.games, "game")}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default function PlayersPage() {
  return (
    <Suspense fallback={<LoadingRows />}>
      <PlayerSearch />
    </Suspense>
  );
}
