import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";
import { oauthProviders } from "@/server/auth/options";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <Suspense>
      <AuthForm mode="sign-in" oauth={oauthProviders()} />
    </Suspense>
  );
}
