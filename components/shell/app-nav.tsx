"use client";

import { LogOut, Menu, Moon, Sun } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTheme } from "next-themes";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { InstallButton } from "@/components/pwa/install-button";
import { Button } from "@/components/ui/button";
import { Sheet, SheetClose, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/games", label: "Games" },
  { href: "/games/upcoming", label: "Upcoming" },
  { href: "/leagues", label: "Leagues" },
  { href: "/scanners", label: "Scanners" },
  { href: "/models", label: "Model lab" },
  { href: "/strategies", label: "Strategies" },
  { href: "/bots", label: "Bots" },
  { href: "/bets", label: "Bets" },
  { href: "/alerts", label: "Alerts" },
  { href: "/tools", label: "Tools" },
  { href: "/players", label: "Players" },
  { href: "/settings", label: "Settings" },
];

export function AppNav({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  const pathname = usePathname();
  const { resolvedTheme, setTheme } = useTheme();
  // One link for the whole admin area (its pages have their own sub-navigation): the bar fits at 1280 px.
  const links = isAdmin ? [...LINKS, { href: "/admin", label: "Admin" }] : LINKS;
  const navLinks = (className: string, wrap: (link: React.ReactElement) => React.ReactNode = (l) => l) =>
    links.map((l) => {
      // The most specific link is current: /games/upcoming is not also "Games".
      const current = pathname.startsWith(l.href) && !links.some((o) => o.href.length > l.href.length && pathname.startsWith(o.href));
      return (
        <li key={l.href}>
          {wrap(
            <Link
              href={l.href}
              aria-current={current ? "page" : undefined}
              className={cn(
                className,
                "rounded-md text-muted-foreground hover:text-foreground",
                current && "bg-secondary font-medium text-foreground",
              )}
            >
              {l.label}
            </Link>,
          )}
        </li>
      );
    });
  return (
    <header className="sticky top-0 z-20 border-b bg-background/95 backdrop-blur">
      {/* Wider than the pages' column (max-w-6xl): every page's link fits on one line from 1280 px, the admin's too.
          "Sign out all devices" lives in Settings, beside the list of devices. */}
      <div className="mx-auto flex h-14 max-w-screen-xl items-center gap-2 px-3 sm:px-6">
        <Sheet>
          <SheetTrigger asChild>
            <Button variant="ghost" size="icon" className="xl:hidden" aria-label="Open menu">
              <Menu />
            </Button>
          </SheetTrigger>
          <SheetContent side="left">
            <SheetTitle>Menu</SheetTitle>
            <SheetDescription className="truncate">Signed in as {email}</SheetDescription>
            <nav aria-label="Pages">
              <ul className="flex flex-col gap-1">
                {navLinks("block px-3 py-2.5 text-base", (link) => (
                  <SheetClose asChild>{link}</SheetClose>
                ))}
              </ul>
            </nav>
          </SheetContent>
        </Sheet>
        <Link href="/games" className="mr-2 font-semibold tracking-tight">
          Linesmith
        </Link>
        {/* The pages fit on one line from 1280 px (xl); below that the menu button lists them, rather than a line
            of links that would be cut off or scroll in its own box. The email shows only where there is room to
            spare. */}
        <nav aria-label="Main" className="hidden min-w-0 xl:block">
          <ul className="flex gap-1">{navLinks("block whitespace-nowrap px-1.5 py-1.5 text-sm 2xl:px-2.5")}</ul>
        </nav>
        <span
          className="ml-auto hidden min-w-0 max-w-56 shrink-[10] truncate text-xs text-muted-foreground 2xl:inline"
          title={email}
        >
          {email}
        </span>
        <div className="ml-auto 2xl:ml-0">
          <NotificationBell />
        </div>
        <InstallButton />
        <Button
          variant="ghost"
          size="icon"
          aria-label="Toggle dark mode"
          onClick={() => setTheme(resolvedTheme === "dark" ? "light" : "dark")}
        >
          {/* Both icons are rendered and CSS picks one: the server cannot know the theme, so rendering by
              resolvedTheme made the server and browser HTML differ (React hydration error #418). */}
          <Sun className="hidden dark:block" />
          <Moon className="dark:hidden" />
        </Button>
        <Button
          variant="ghost"
          size="icon"
          aria-label="Sign out"
          title="Sign out"
          onClick={() => signOut({ callbackUrl: "/" })}
        >
          <LogOut />
        </Button>
      </div>
    </header>
  );
}
