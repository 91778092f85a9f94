import type { PrismaClient } from "@/server/db/generated/client";
import { eraseRecordChain } from "@/server/services/records/chain";

/**
 * Deletes every user, for suites that need an empty installation. Bots' records are append-only: a trigger
 * refuses the cascade from User, so each chain is erased first the one sanctioned way (see records/chain.ts).
 */
export async function deleteAllUsers(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const { id } of await tx.recordChain.findMany({ select: { id: true } })) await eraseRecordChain(tx, id);
    await tx.user.deleteMany();
  });
}
