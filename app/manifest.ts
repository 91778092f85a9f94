import type { MetadataRoute } from "next";

/**
 * The web app manifest (served at /manifest.webmanifest): what makes Linesmith installable. The PNG icons are
 * rendered from app/icon.svg by `npm run icons:generate`; the maskable one keeps the mark in the safe zone.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Linesmith",
    short_name: "Linesmith",
    description: "Sports-betting analytics: odds across bookmakers, line movement, models, honest backtests.",
    start_url: "/games",
    scope: "/",
    display: "standalone",
    background_color: "#151a22",
    theme_color: "#151a22",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
