"use client";

import { useEffect } from "react";

/**
 * Registers public/sw.js on every page (the offline shell must be in place before the network goes away, not
 * only once the user turns on push). Registering the same script again is a no-op for the browser.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js").catch(() => {
      // Not fatal: the site works without the worker, only offline and push are lost (e.g. private windows).
    });
  }, []);
  return null;
}
