"use client";

import { createContext, useContext, useEffect, useMemo, useRef } from "react";
import { formatDateTime, formatKickoff, formatPrice, zoneLabel } from "@/lib/format";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Stored = RouterOutputs["settings"]["get"];

export interface Display {
  oddsFormat: Stored["oddsFormat"];
  /** The zone times are shown in: UTC until the browser's zone has been adopted. */
  timeZone: string;
  currency: string;
  /** "UTC" or the zone's name, for labels such as "Placed at (Europe/London)". */
  zone: string;
  price: (decimal: number | null | undefined) => string;
  dateTime: (at: Date, opts?: { seconds?: boolean }) => string;
  kickoff: (startsAt: Date, timeKnown: boolean) => string;
}

function display(p: Stored): Display {
  const timeZone = p.timeZone ?? "UTC";
  return {
    oddsFormat: p.oddsFormat,
    timeZone,
    currency: p.currency,
    zone: zoneLabel(timeZone),
    price: (d) => formatPrice(d, p.oddsFormat),
    dateTime: (at, opts) => formatDateTime(at, timeZone, opts),
    kickoff: (startsAt, known) => formatKickoff(startsAt, known, timeZone),
  };
}

const DisplayContext = createContext<Display>(display({ oddsFormat: "decimal", timeZone: null, currency: "USD" }));

/**
 * The signed-in user's display settings, seeded by the layout (so the server and the browser render the same
 * text) and kept in the query cache, so the settings page's changes show at once. On the first visit the
 * browser's zone is adopted after hydration.
 */
export function PreferencesProvider({ initial, children }: { initial: Stored; children: React.ReactNode }) {
  const utils = trpc.useUtils();
  const { data } = trpc.settings.get.useQuery(undefined, { initialData: initial, staleTime: Infinity });
  const adopt = trpc.settings.adoptBrowserTimeZone.useMutation({ onSuccess: (saved) => utils.settings.get.setData(undefined, saved) });
  const asked = useRef(false);
  useEffect(() => {
    if (data.timeZone !== null || asked.current) return;
    asked.current = true;
    adopt.mutate({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" });
  }, [data.timeZone, adopt]);
  const value = useMemo(() => display(data), [data]);
  return <DisplayContext.Provider value={value}>{children}</DisplayContext.Provider>;
}

/** Prices, times and currency the way the signed-in user reads them. */
export function useDisplay(): Display {
  return useContext(DisplayContext);
}
