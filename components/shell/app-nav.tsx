"use client";

import { LogOut, MonitorX, Moon, Sun } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTheme } from "next-themes";
import { Button } from "@/components/ui/button";
import { trpc } from "@/lib/trpc";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/games", label: "Games" },
  { href: "/leagues", label: "Leagues" },
  { href: "/scanners", label: "Scanners" },
  { href: "/models", label: "Model lab" },
  { href: "/bets", label: "Bets" },
  { href: "/tools", label: "Tools" },
  { href: "/players", label: "Players" },
  { href: "/settings", label: "Settings" },
];

export function AppNav({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  const pathname = usePathname();
  const { resolvedTheme, setTheme } = useTheme();
  const signOutEverywhere = trpc.auth.signOutEverywhere.useMutation({ onSuccess: () => signOut({ callbackUrl: "/sign-in" }) });
  const links = isAdmin ? [...LINKS, { href: "/imports", label: "Imports" }] : LINKS;
  return (
    <header className="sticky top-0 z-20 border-b bg-background/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:px-6">
        <Link href="/games" className="mr-2 font-semibold tracking-tight">Linesmith</Link>
        <nav aria-label="Main" className="flex min-w-0 flex-1 gap-1 overflow-x-auto">
          {links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className={cn(
                "rounded-md px-2.5 py-1.5 text-sm text-muted-foreground hover:text-foreground",
                pathname.startsWith(l.href) && "bg-secondary font-medium text-foreground",
              )}
            >
              {l.label}
            </Link>
          ))}
        </nav>
        <span className="hidden truncate text-xs text-muted-foreground md:inline" title={email}>{email}</span>
        <Button
          variant="ghost"
          size="icon"
          aria-label="Toggle dark mode"
          onClick={() => setTheme(resolvedTheme === "dark" ? "light" : "dark")}
        >
          {resolvedTheme === "dark" ? <Sun /> : <Moon />}
        </Button>
        <Button
          variant="ghost"
          size="icon"
          aria-label="Sign out on every device"
          title="Sign out on every device"
          disabled={signOutEverywhere.isPending}
          onClick={() => signOutEverywhere.mutate()}
        >
          <MonitorX />
        </Button>
        <Button variant="ghost" size="icon" aria-label="Sign out" title="Sign out" onClick={() => signOut({ callbackUrl: "/" })}>
          <LogOut />
        </Button>
      </div>
    </header>
  );
}
