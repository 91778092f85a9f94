/**
 * The layout of a route whose page is a client component: it renders the page unchanged and exists so the
 * route can export its title (client pages cannot export metadata).
 */
export function TitleLayout({ children }: { children: React.ReactNode }) {
  return children;
}
