"use client";

import { Star } from "lucide-react";
import { Button } from "@/components/ui/button";
import { trpc } from "@/lib/trpc";

/**
 * Follow / Following toggle for one game. `following` comes from whoever listed the game (the game page's
 * query, the upcoming view's rows); after a change both are refetched so every place shows the same state.
 */
export function FollowButton({ gameId, following, label }: { gameId: number; following: boolean; label?: string }) {
  const utils = trpc.useUtils();
  const refresh = () => Promise.all([utils.games.following.invalidate({ gameId }), utils.upcoming.list.invalidate()]);
  const follow = trpc.games.follow.useMutation({ onSuccess: refresh });
  const unfollow = trpc.games.unfollow.useMutation({ onSuccess: refresh });
  const pending = follow.isPending || unfollow.isPending;
  const error = follow.error?.message ?? unfollow.error?.message;
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        size="sm"
        variant={following ? "secondary" : "outline"}
        aria-pressed={following}
        aria-label={`${following ? "Unfollow" : "Follow"}${label ? ` ${label}` : ""}`}
        title={following ? "Following: steam alerts on the games you follow include this one. Click to unfollow." : "Follow this game"}
        disabled={pending}
        onClick={() => (following ? unfollow : follow).mutate({ gameId })}
      >
        <Star aria-hidden className={following ? "fill-current" : undefined} />
        {following ? "Following" : "Follow"}
      </Button>
      {error && <span className="text-xs text-destructive">{error}</span>}
    </span>
  );
}
