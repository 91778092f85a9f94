import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// Inngest calls this endpoint to run functions (production, or `npx inngest-cli dev` on a normal machine).
export const { GET, POST, PUT } = serve({ client: inngest, functions });
