import { BotForm } from "@/components/bots/bot-form";

export default function NewBotPage() {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">New bot</h1>
      <BotForm />
    </div>
  );
}
