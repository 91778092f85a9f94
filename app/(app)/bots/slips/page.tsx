import { SlipsView } from "@/components/bots/slips-view";

export default function SlipsPage() {
  return <SlipsView />;
}
