import type { Metadata } from "next";

// Administrators only: app/(app)/admin/layout.tsx checks the role for every admin page.
export const metadata: Metadata = { title: "Data health" };

export default function HealthLayout({ children }: { children: React.ReactNode }) {
  return children;
}
