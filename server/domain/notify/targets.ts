/**
 * Where the server may send a user-supplied URL (a Slack webhook, a browser's push endpoint). The server
 * POSTs to these URLs, so without a rule a user could make it call internal addresses. In production: https
 * to Slack's webhook host or a browser vendor's push service, or a host the administrator allowed
 * (NOTIFY_ALLOWED_HOSTS). Elsewhere also 127.0.0.1 and localhost, where the fake servers listen.
 */
export type TargetKind = "slack-webhook" | "push-endpoint";

export const SLACK_WEBHOOK_HOST = "hooks.slack.com";

/** Push services of Chrome/Edge (FCM), Firefox (Mozilla autopush), Safari (Apple) and Windows (WNS). */
export const PUSH_SERVICE_HOSTS = ["fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com", "notify.windows.com"];

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface TargetRules {
  production: boolean;
  /** NOTIFY_ALLOWED_HOSTS, lower case. */
  extraHosts: string[];
}

/** Null when the URL may be used, else the reason in words for the user. */
export function targetProblem(raw: string, kind: TargetKind, rules: TargetRules): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  if (url.username || url.password) return "must not contain a user name or password";
  const host = url.hostname.toLowerCase();
  if (rules.extraHosts.includes(host)) return url.protocol === "https:" || url.protocol === "http:" ? null : "must be an http(s) URL";
  if (!rules.production && LOCAL_HOSTS.has(host)) return url.protocol === "https:" || url.protocol === "http:" ? null : "must be an http(s) URL";
  if (url.protocol !== "https:") return "must start with https://";
  if (url.port && url.port !== "443") return "must not name a port";
  if (kind === "slack-webhook") {
    return host === SLACK_WEBHOOK_HOST ? null : `must be a Slack incoming webhook (https://${SLACK_WEBHOOK_HOST}/services/...)`;
  }
  return PUSH_SERVICE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))
    ? null
    : "is not a known browser push service";
}
