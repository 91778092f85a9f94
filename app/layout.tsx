import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import { TITLE_TEMPLATE } from "@/components/shell/title-layout";
import { Providers } from "@/lib/trpc";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Linesmith", template: TITLE_TEMPLATE },
  description: "Sports-betting analytics: odds across bookmakers, line movement, models you can trust, honest backtests.",
  // The manifest link comes from app/manifest.ts, the icon links from app/icon.svg and app/apple-icon.png (iOS).
  appleWebApp: { capable: true, title: "Linesmith", statusBarStyle: "black-translucent" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#151a22" },
  ],
};

// Reading the request's nonce (set by proxy.ts) also renders every page per request, as nonces require.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh font-sans">
        <Providers nonce={nonce}>{children}</Providers>
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
