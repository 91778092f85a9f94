/** Words for channel kinds and delivery states, shared by the settings section and the notifications list. */
export type ChannelKindName = "EMAIL" | "SLACK" | "TELEGRAM" | "WEB_PUSH";
export type DeliveryStatusName = "PENDING" | "SENT" | "FAILED" | "GIVEN_UP";

export const CHANNEL_NAME: Record<ChannelKindName, string> = { EMAIL: "Email", SLACK: "Slack", TELEGRAM: "Telegram", WEB_PUSH: "Browser push" };

export const DELIVERY_LABEL: Record<DeliveryStatusName, string> = { PENDING: "sending", SENT: "sent", FAILED: "will retry", GIVEN_UP: "not delivered" };

export const DELIVERY_VARIANT: Record<DeliveryStatusName, "secondary" | "outline" | "warning" | "destructive"> = {
  PENDING: "outline",
  SENT: "secondary",
  FAILED: "warning",
  GIVEN_UP: "destructive",
};
