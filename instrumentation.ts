// Runs once when the server starts: a missing or malformed variable stops it with the variable named.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./server/env");
    env();
  }
}
