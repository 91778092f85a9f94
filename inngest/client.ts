import { Inngest } from "inngest";

/** The Inngest app. Event and signing keys come from INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY (validated in server/env). */
export const inngest = new Inngest({ id: "linesmith" });
