import type { Metadata } from "next";

export { TitleLayout as default } from "@/components/shell/title-layout";
export const metadata: Metadata = { title: "Backtest report" };
