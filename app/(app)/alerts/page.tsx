import { AlertRules } from "@/components/alerts/alert-rules";

export default function AlertsPage() {
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
      <AlertRules />
    </div>
  );
}
