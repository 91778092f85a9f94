"use client";

import { Download } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** Chromium's install event (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

/**
 * "Install app": shown only where the browser offers installation (beforeinstallprompt: Chromium browsers,
 * and only while not already installed); Safari users install from the share menu instead.
 */
export function InstallButton() {
  const [prompt, setPrompt] = useState<BeforeInstallPromptEvent | null>(null);
  useEffect(() => {
    const offer = (event: Event) => {
      // Keep the browser's own mini-infobar away: the button is the one place to install from.
      event.preventDefault();
      setPrompt(event as BeforeInstallPromptEvent);
    };
    const installed = () => setPrompt(null);
    window.addEventListener("beforeinstallprompt", offer);
    window.addEventListener("appinstalled", installed);
    return () => {
      window.removeEventListener("beforeinstallprompt", offer);
      window.removeEventListener("appinstalled", installed);
    };
  }, []);
  if (!prompt) return null;
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label="Install app"
      title="Install app"
      onClick={async () => {
        await prompt.prompt();
        // A prompt can be shown once; after either answer the browser fires a new event if it offers again.
        await prompt.userChoice.catch(() => undefined);
        setPrompt(null);
      }}
    >
      <Download />
    </Button>
  );
}
