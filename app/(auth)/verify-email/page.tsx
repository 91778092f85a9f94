import type { Metadata } from "next";
import { Suspense } from "react";
import { VerifyEmail } from "@/components/accounts/email-link-forms";

export const metadata: Metadata = { title: "Confirm email" };

export default function Page() {
  return (
    <Suspense>
      <VerifyEmail />
    </Suspense>
  );
}
