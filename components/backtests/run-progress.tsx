/** A queued or running job: its progress bar and the runner's latest note. */
export function RunProgress({
  status,
  progress,
  note,
}: {
  status: "QUEUED" | "RUNNING";
  progress: number;
  note: string | null;
}) {
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    <div className="flex flex-col gap-2" aria-live="polite">
      <div
        className="h-2 w-full overflow-hidden rounded bg-secondary"
        role="progressbar"
        aria-label="Backtest progress"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="h-full bg-primary transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-muted-foreground">
        {status === "QUEUED" ? "Waiting for the job runner..." : `${percent}% · ${note ?? "Working..."}`}
      </p>
    </div>
  );
}
