import Link from "next/link";
import { Suspense } from "react";
import { BillingPanel } from "@/components/billing/billing-panel";
import { LoadingRows } from "@/components/shell/states";

export const metadata = { title: "Billing" };

export default function BillingPage() {
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div className="flex flex-col gap-1">
        <Link href="/settings" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
          Settings
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Plan and billing</h1>
      </div>
      <Suspense fallback={<LoadingRows rows={4} />}>
        <BillingPanel />
      </Suspense>
    </div>
  );
}
