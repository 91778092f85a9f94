import { z } from "zod";
import { API_SCOPES, createApiKey, CreateApiKeyInput, listApiKeys, revokeApiKey } from "@/server/services/api-keys/api-keys";
import { protectedProcedure, router } from "../trpc";

const KeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});
const KeyId = z.string().trim().min(1).max(40);

export const apiKeysRouter = router({
  scopes: protectedProcedure.query(() => [...API_SCOPES]),
  list: protectedProcedure.output(z.array(KeyView.extend({ expired: z.boolean() }))).query(({ ctx }) => listApiKeys(ctx.db, ctx.user.id)),
  /** The only time the secret is returned. */
  create: protectedProcedure
    .input(CreateApiKeyInput)
    .output(KeyView.extend({ secret: z.string() }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.user.id, input)),
  revoke: protectedProcedure
    .input(z.object({ id: KeyId }))
    .output(z.object({ id: z.string(), revokedAt: z.date() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.user.id, input.id)),
});
