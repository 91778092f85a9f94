import { UpcomingView } from "@/components/upcoming/upcoming-view";

export default function UpcomingPage() {
  return <UpcomingView />;
}
