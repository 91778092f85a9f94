import "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "USER" | "ADMIN"; email?: string | null; name?: string | null; image?: string | null };
  }
}
