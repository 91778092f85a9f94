import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

/**
 * `npm run icons:generate`: renders app/icon.svg into the PNG icons the web app manifest and iOS need
 * (public/icons, and app/apple-icon.png). Chromium draws the SVG, so the PNGs match the favicon exactly; the maskable icon keeps the
 * mark inside the central 80 % "safe zone" on the icon's own background, as launchers crop it to a circle.
 */
// `solid`: a full square of background (iOS and maskable launchers draw their own mask; others keep the
// SVG's rounded corners transparent).
const ICONS: { file: string; size: number; padding: number; solid: boolean }[] = [
  { file: "icon-192.png", size: 192, padding: 0, solid: false },
  { file: "icon-512.png", size: 512, padding: 0, solid: false },
  { file: "maskable-512.png", size: 512, padding: 0.1, solid: true },
  { file: "apple-touch-icon.png", size: 180, padding: 0, solid: true },
];
const BACKGROUND = "#151a22";

const svg = await readFile(path.resolve("app/icon.svg"), "utf8");
const out = path.resolve("public/icons");
await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu"],
});
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const inset = Math.round(icon.size * icon.padding);
    const background = icon.solid ? BACKGROUND : "transparent";
    const html = `<!doctype html><html><body style="margin:0;background:${background}">
      <div style="position:absolute;inset:${inset}px">${svg.replace("<svg ", '<svg width="100%" height="100%" ')}</div></body></html>`;
    await page.setContent(html);
    await writeFile(path.join(out, icon.file), await page.screenshot({ omitBackground: background === "transparent", type: "png" }));
    await page.close();
    console.log(`public/icons/${icon.file} (${icon.size}×${icon.size})`);
    // Next.js links app/apple-icon.png as the apple-touch-icon of every page (file-based metadata).
    if (icon.file === "apple-touch-icon.png") await copyFile(path.join(out, icon.file), path.resolve("app/apple-icon.png"));
  }
} finally {
  await browser.close();
}
