import { JobsTable } from "@/components/admin/jobs-table";

export const metadata = { title: "Jobs" };

/** Administrators only: the router refuses everyone else (FORBIDDEN, shown as the page's error). */
export default function AdminJobsPage() {
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold">Jobs</h1>
        <p className="text-sm text-muted-foreground">
          Background jobs with their latest runs. A paused job skips its scheduled and event runs without recording them
          until it is resumed; &quot;Run now&quot; queues one run behind any run in progress.
        </p>
      </div>
      <JobsTable />
    </div>
  );
}
