import type { Metadata } from "next";
import { sectionTitle } from "@/components/shell/title-layout";

export { TitleLayout as default } from "@/components/shell/title-layout";
export const metadata: Metadata = { title: sectionTitle("Alerts") };
