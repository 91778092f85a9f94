// Runs once when the server starts: a missing or malformed variable stops it with the variable named;
// then background jobs are wired to Inngest when it is configured, or to the local runner.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./server/env");
  const config = env();
  const { setEventPublisher } = await import("./server/jobs/events");
  if (config.INNGEST_EVENT_KEY) {
    const { inngest } = await import("./inngest/client");
    setEventPublisher(async (event) => void (await inngest.send({ name: event.name, data: event.data })));
  } else if (config.LOCAL_JOBS === "on") {
    const { startLocalRunner } = await import("./inngest/local-runner");
    const { bulkPool } = await import("./server/db/client");
    startLocalRunner(bulkPool);
  }
}
