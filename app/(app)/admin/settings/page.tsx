import { SystemSettingsForm } from "@/components/admin/system-settings-form";

export const metadata = { title: "System settings" };

/** Administrators only: the router refuses changes from everyone else. */
export default function AdminSettingsPage() {
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <h1 className="text-xl font-semibold">System settings</h1>
      <SystemSettingsForm />
    </div>
  );
}
