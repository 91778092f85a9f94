import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";
import { oauthProviders } from "@/server/auth/options";

export const metadata: Metadata = { title: "Create account" };
export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <Suspense>
      <AuthForm mode="sign-up" oauth={oauthProviders()} />
    </Suspense>
  );
}
