import { Badge } from "@/components/ui/badge";

export function StatusBadge({ status, progress }: { status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED"; progress: number }) {
  if (status === "RUNNING") return <Badge variant="secondary">Running {Math.round(progress * 100)}%</Badge>;
  if (status === "FAILED") return <Badge variant="destructive">Failed</Badge>;
  if (status === "QUEUED") return <Badge variant="outline">Queued</Badge>;
  return <Badge>Done</Badge>;
}
