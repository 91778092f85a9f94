"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { trpc } from "@/lib/trpc";

export function CsvTransfer({ bankrollId }: { bankrollId: number }) {
  const utils = trpc.useUtils();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const importCsv = trpc.bets.importCsv.useMutation({
    onSuccess: async (r) => {
      setMessage({ ok: true, text: `Imported ${r.imported} bets (${r.skippedAsDuplicates} already here), ${r.settled} settled straight away.` });
      await Promise.all([utils.bets.invalidate(), utils.bankrolls.invalidate()]);
    },
    onError: (e) => setMessage({ ok: false, text: e.message }),
  });
  async function download() {
    const { csv } = await utils.bets.exportCsv.fetch({ bankrollId });
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `linesmith-bets-${bankrollId}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Button variant="outline" onClick={download}>Export CSV</Button>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bets-csv">Import CSV (all or nothing)</Label>
        <input
          id="bets-csv"
          type="file"
          accept=".csv,text/csv"
          className="text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            if (file.size > 2_000_000) return setMessage({ ok: false, text: "Bet files are limited to 2 MB." });
            importCsv.mutate({ bankrollId, csv: await file.text() });
            e.target.value = "";
          }}
        />
      </div>
      {message && <p role={message.ok ? "status" : "alert"} className={message.ok ? "w-full text-sm" : "w-full text-sm text-destructive"}>{message.text}</p>}
    </div>
  );
}
