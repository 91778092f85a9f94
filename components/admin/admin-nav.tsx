"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

/** The admin area's pages; Imports lives at /imports (it predates the admin area). */
export const ADMIN_LINKS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/jobs", label: "Jobs" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/imports", label: "Imports" },
  { href: "/admin/health", label: "Data health" },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin">
      <ul className="flex flex-wrap gap-1 border-b pb-2">
        {ADMIN_LINKS.map((l) => {
          const current = pathname.startsWith(l.href);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block rounded-md px-2.5 py-1.5 text-sm text-muted-foreground hover:text-foreground",
                  current && "bg-secondary font-medium text-foreground",
                )}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
