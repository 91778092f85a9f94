import type { Metadata } from "next";

/** Every page title reads "Page · Linesmith". */
export const TITLE_TEMPLATE = "%s · Linesmith";

/**
 * The title of a section whose pages have titles of their own: a title given as a plain string would stop
 * the site's template reaching the pages below it ("Track a bet" instead of "Track a bet · Linesmith").
 */
export function sectionTitle(name: string): Metadata["title"] {
  return { default: name, template: TITLE_TEMPLATE };
}

/**
 * The layout of a route whose page is a client component: it renders the page unchanged and exists so the
 * route can export its title (client pages cannot export metadata).
 */
export function TitleLayout({ children }: { children: React.ReactNode }) {
  return children;
}
