/**
 * The notify service: `notify(pool, {userId, kind, dedupeKey, title, body, url})` from any feature (bots,
 * alerts, billing), `deliverPending` for the `deliver-notifications` job, channel settings and the in-app list.
 */
export { notify, recordNotification, notifyInputSchema, type NotifyInput, type NotifyResult, type RecordResult } from "./notify";
export { deliverPending, hasDueDeliveries, type DeliverResult } from "./deliver";
export { notifyDepsFromEnv, type NotifyDeps } from "./deps";
export { mailerFor } from "./email";
