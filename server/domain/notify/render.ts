/**
 * One notification written for each channel: Slack mrkdwn, Telegram HTML, an email, a push payload. Pure;
 * the links are absolute (`appUrl` + the notification's path) everywhere except the push, which the service
 * worker opens on this site.
 */
export interface NotificationContent {
  id: number;
  title: string;
  body: string;
  /** A path in the app ("/bots/12") or null. */
  url: string | null;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function absoluteUrl(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/+$/, "")}${path}`;
}

/** Slack's mrkdwn: &, < and > are control characters and must be escaped. */
const slackEscape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export function renderSlack(n: NotificationContent, appUrl: string): { text: string; blocks: { type: "section"; text: { type: "mrkdwn"; text: string } }[] } {
  const link = n.url ? `\n<${absoluteUrl(appUrl, n.url)}|Open in Linesmith>` : "";
  const text = `*${slackEscape(clip(n.title, 200))}*\n${slackEscape(clip(n.body, 2500))}${link}`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: clip(text, 3000) } }] };
}

const html = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

export function renderTelegram(n: NotificationContent, appUrl: string): string {
  const link = n.url ? `\n<a href="${html(absoluteUrl(appUrl, n.url))}">Open in Linesmith</a>` : "";
  return `<b>${html(clip(n.title, 200))}</b>\n${html(clip(n.body, 3500))}${link}`;
}

export function renderEmail(n: NotificationContent, appUrl: string): { subject: string; text: string; html: string } {
  const subject = clip(n.title.replace(/\s+/g, " ").trim(), 200);
  const settings = absoluteUrl(appUrl, "/settings");
  const link = n.url ? absoluteUrl(appUrl, n.url) : null;
  const text = [n.body, ...(link ? ["", `Open in Linesmith: ${link}`] : []), "", "--", `Choose where Linesmith notifies you: ${settings}`].join("\n");
  const body = html(n.body).replaceAll("\n", "<br>");
  const htmlText = [
    `<h2 style="font-size:18px">${html(subject)}</h2>`,
    `<p>${body}</p>`,
    ...(link ? [`<p><a href="${html(link)}">Open in Linesmith</a></p>`] : []),
    `<p style="color:#666;font-size:12px">Choose where Linesmith notifies you: <a href="${html(settings)}">settings</a></p>`,
  ].join("\n");
  return { subject, text, html: htmlText };
}

export function renderPush(n: NotificationContent): { title: string; body: string; url: string | null; tag: string } {
  return { title: clip(n.title, 200), body: clip(n.body, 1000), url: n.url, tag: `notification-${n.id}` };
}
