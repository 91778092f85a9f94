import { ApiKeysSettings } from "@/components/api-keys/api-keys-settings";
import { DeleteAccountSettings } from "@/components/accounts/delete-account-settings";
import { EmailSettings } from "@/components/accounts/email-link-forms";
import { SessionsSettings } from "@/components/accounts/sessions-settings";
import { TwoFactorSettings } from "@/components/accounts/two-factor-settings";
import { ChannelsSettings } from "@/components/notifications/channels-settings";
import Link from "next/link";
import { SettingsForm } from "@/components/settings/settings-form";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <SettingsForm />
      <ChannelsSettings />
      <ApiKeysSettings />
      <EmailSettings />
      <TwoFactorSettings />
      <SessionsSettings />
      <Link href="/settings/billing" className="text-sm underline underline-offset-4">
        Plan and billing
      </Link>
      <DeleteAccountSettings />
    </div>
  );
}
