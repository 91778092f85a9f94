import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChainVerifier } from "@/components/records/chain-verifier";
import { DayHeads, RecordEntries } from "@/components/records/record-entries";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCents, formatPercent, plural } from "@/lib/format";
import { db } from "@/server/db/client";
import { loadPublicRecord } from "@/server/services/records/public";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const record = await loadPublicRecord(db, (await params).slug);
  return { title: record ? `${record.title}: track record` : "Track record not found" };
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-md border p-3">
      <p className="text-xs text-muted-foreground">{label}</p>
      <p className="text-lg font-semibold tabular-nums" data-testid={testId}>{value}</p>
    </div>
  );
}

/** A bot's public track record: figures, every entry, the day heads, and the chain verified in the browser. */
export default async function PublicRecordPage({ params }: Props) {
  const record = await loadPublicRecord(db, (await params).slug);
  if (!record) notFound();
  const { figures } = record;
  const exportUrl = `/api/public/records/${record.slug}`;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{record.title}</h1>
          <p className="text-sm text-muted-foreground">
            Track record <code className="font-mono">{record.slug}</code>: every prediction and pick was written to a hash chain
            when it was made; results are added as later entries, never by editing.
          </p>
        </div>
        <Button asChild variant="outline" size="sm">
          <a href={exportUrl} download={`${record.slug}.record.json`}>Download JSON</a>
        </Button>
      </div>

      <ChainVerifier exportUrl={exportUrl} />

      <Card>
        <CardHeader>
          <CardTitle>Figures</CardTitle>
          <CardDescription>
            Picks locked before kick-off only. {figures.late > 0 && `${plural(figures.late, "late pick")} (locked at or after kick-off) left out.`}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <Figure label="Picks" value={String(figures.picks)} testId="figure-picks" />
          <Figure label="Graded" value={String(figures.graded)} testId="figure-graded" />
          <Figure label="Win rate" value={formatPercent(figures.winRate)} testId="figure-win-rate" />
          <Figure label="ROI" value={formatPercent(figures.roi)} testId="figure-roi" />
          <Figure label="Mean CLV" value={formatPercent(figures.meanClv)} testId="figure-clv" />
          <Figure label="Profit (paper)" value={formatCents(figures.profitCents, { signed: true })} testId="figure-profit" />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Entries</CardTitle>
          <CardDescription>{plural(record.entries.length, "entry", "entries")}, oldest first. Hover a hash to see all of it.</CardDescription>
        </CardHeader>
        <CardContent>
          {record.entries.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing locked yet.</p>
          ) : (
            <RecordEntries rows={record.entries.map((e) => ({ seq: e.seq, hash: e.hash, lockedAt: e.lockedAt.toISOString(), read: e.read }))} />
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Day heads</CardTitle>
          <CardDescription>
            The chain&apos;s head hash at the end of each UTC day. Keep one: if the entry with that number ever has another hash,
            something up to it was rewritten.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {record.dayHeads.length === 0 ? <p className="text-sm text-muted-foreground">No entries yet.</p> : <DayHeads heads={record.dayHeads} />}
        </CardContent>
      </Card>
    </div>
  );
}
