"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { signInPath } from "@/lib/safe-callback";

/**
 * Sends a signed-out visitor to sign-in with the page asked for as callbackUrl. A layout cannot read the
 * requested URL on the server, so this runs in the browser.
 */
export function SignInRedirect() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  useEffect(() => {
    const query = params.toString();
    router.replace(signInPath(query ? `${pathname}?${query}` : pathname));
  }, [router, pathname, params]);
  return <p className="p-6 text-sm text-muted-foreground">Redirecting to sign-in…</p>;
}
