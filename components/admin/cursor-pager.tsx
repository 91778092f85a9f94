"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Paging over a list the server pages by cursor: the stack of cursors seen so far (the last is the current page's),
 * with back and forward buttons. `reset` goes to the first page (a new search or filter).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    reset: () => setCursors([]),
    pager: (nextCursor: string | null | undefined, labels: { back: string; forward: string }) => (
      <div className="flex gap-2">
        <Button variant="outline" size="sm" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          {labels.back}
        </Button>
        <Button variant="outline" size="sm" disabled={!nextCursor} onClick={() => nextCursor && setCursors([...cursors, nextCursor])}>
          {labels.forward}
        </Button>
      </div>
    ),
  };
}
