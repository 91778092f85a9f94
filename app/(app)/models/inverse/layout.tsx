import type { Metadata } from "next";

export { TitleLayout as default } from "@/components/shell/title-layout";
export const metadata: Metadata = { title: "Inverse view and AI analyst" };
