"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { TemplatePicker } from "@/components/strategies/templates";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc";

export default function StrategiesPage() {
  const show = useDisplay();
  const router = useRouter();
  const strategies = trpc.strategies.list.useQuery();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Strategies</h1>
          <p className="text-sm text-muted-foreground">
            Say when to bet, on what and how much, and see what it would have done on real seasons.
          </p>
        </div>
        <Button asChild>
          <Link href="/strategies/new">New strategy</Link>
        </Button>
      </div>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Your strategies</CardTitle>
        </CardHeader>
        <CardContent>
          {strategies.isLoading && <LoadingRows rows={3} />}
          {strategies.error && <ErrorState message={strategies.error.message} />}
          {strategies.data?.length === 0 && (
            <p className="text-sm text-muted-foreground">None yet: start from a template below or a blank strategy.</p>
          )}
          {strategies.data && strategies.data.length > 0 && (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Version</TableHead>
                  <TableHead>Saved</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {strategies.data.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell>
                      <Link className="underline" href={`/strategies/${s.id}`}>
                        {s.name}
                      </Link>
                    </TableCell>
                    <TableCell>{s.version}</TableCell>
                    <TableCell>{show.dateTime(s.updatedAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <section aria-labelledby="templates-title" className="flex flex-col gap-2">
        <h2 id="templates-title" className="text-lg font-semibold tracking-tight">
          Start from a template
        </h2>
        <TemplatePicker
          onPick={(_, template) =>
            router.push(template ? `/strategies/new?template=${encodeURIComponent(template.id)}` : "/strategies/new")
          }
        />
      </section>
    </div>
  );
}
