import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { BILLING_INTERVALS, PAID_PLANS, PLANS, lookupKey } from "@/server/domain/billing/plans";
import { parseStripeForm, type FormValue } from "./form";

/**
 * A stateful stand-in for the Stripe API on 127.0.0.1 (there is no stripe-mock here): customers, prices with
 * lookup keys, Checkout Sessions in subscription mode (with trials), subscriptions whose items carry
 * `current_period_end` (API "basil" and later), Customer Portal sessions and invoices. Requests are read as
 * Stripe reads them (form-encoded, bracketed keys, `Idempotency-Key` replays the first answer).
 *
 * Browser pages play Checkout (`/checkout/<id>`: Subscribe, then back to success_url) and the Portal
 * (`/portal/<id>`: cancel at period end). Test-only endpoints under `/_test/` complete a checkout, fail a
 * payment, set a status, advance the clock past a period end; each change is delivered to the app as SIGNED
 * webhook events (`generateTestHeaderString`), optionally twice and in reverse order.
 */

export interface DeliveryOptions {
  /** Deliver every event twice (Stripe delivers at least once). */
  duplicate?: boolean;
  /** Deliver the events of one change newest first. */
  reverse?: boolean;
}

export interface FakeStripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** The app's webhook endpoint; without it events are only recorded. */
  webhookUrl?: string | undefined;
  port?: number;
}

export interface Delivery {
  eventId: string;
  type: string;
  status: number;
  /** The app's answer (JSON), for tests to see what it did with the event. */
  answer: unknown;
}

export interface FakeStripe {
  url: string;
  close(): Promise<void>;
  setWebhookUrl(url: string): void;
  setDelivery(options: DeliveryOptions): void;
  completeCheckout(sessionId: string, options?: DeliveryOptions): Promise<{ subscriptionId: string; deliveries: Delivery[] }>;
  cancelAtPeriodEnd(subscriptionId: string, options?: DeliveryOptions): Promise<Delivery[]>;
  failPayment(subscriptionId: string, options?: DeliveryOptions): Promise<Delivery[]>;
  setStatus(subscriptionId: string, status: string, options?: DeliveryOptions): Promise<Delivery[]>;
  advanceClock(seconds: number, options?: DeliveryOptions): Promise<Delivery[]>;
  /** Seconds from the fake's clock to just past the latest period end. */
  secondsToPeriodEnd(): number;
  /** Answers every API request matching `method` and `path` with Stripe's api_error at `status` until set to null. */
  setFailure(failure: { method: string; path: RegExp; status: number } | null): void;
  /** Re-delivers an event already sent (same id, same payload), as Stripe's retries do. */
  redeliver(eventId: string): Promise<Delivery>;
  state: FakeState;
  requests: { method: string; path: string; body: Record<string, FormValue> }[];
}

type Obj = Record<string, unknown> & { id: string };

interface FakeState {
  customers: Map<string, Obj>;
  prices: Map<string, Obj>;
  checkoutSessions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  invoices: Map<string, Obj>;
  portalSessions: Map<string, Obj>;
  events: Map<string, { event: Obj; payload: string }>;
  deliveries: Delivery[];
}

const DAY = 86_400;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = "invalid_request_error",
  ) {
    super(message);
  }
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const str = (v: FormValue | undefined) => (typeof v === "string" ? v : undefined);
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startFakeStripe(options: FakeStripeOptions): Promise<FakeStripe> {
  const signer = new Stripe(options.secretKey);
  let webhookUrl = options.webhookUrl;
  let failure: { method: string; path: RegExp; status: number } | null = null;
  let defaultDelivery: DeliveryOptions = {};
  let clockOffset = 0;
  const now = () => Math.floor(Date.now() / 1000) + clockOffset;
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const requests: FakeStripe["requests"] = [];
  const state: FakeState = {
    customers: new Map(),
    prices: new Map(),
    checkoutSessions: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    portalSessions: new Map(),
    events: new Map(),
    deliveries: [],
  };
  for (const plan of PAID_PLANS) {
    for (const interval of BILLING_INTERVALS) {
      const id = `price_${plan.toLowerCase()}_${interval}`;
      state.prices.set(id, {
        id,
        object: "price",
        active: true,
        lookup_key: lookupKey(plan, interval),
        unit_amount: PLANS[plan].priceCents[interval],
        currency: "usd",
        nickname: `${PLANS[plan].name} ${interval}`,
        recurring: { interval: interval === "monthly" ? "month" : "year", interval_count: 1 },
        type: "recurring",
      });
    }
  }

  let base = "";

  // ---- events and webhook delivery ----------------------------------------------------------------------
  function event(type: string, object: Obj): Obj {
    const e: Obj = {
      id: newId("evt"),
      object: "event",
      api_version: "2026-10-28.endive",
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      type,
      // A snapshot: later changes to the object do not change an event already made.
      data: { object: structuredClone(object) },
    };
    state.events.set(e.id, { event: e, payload: JSON.stringify(e) });
    return e;
  }

  async function post(eventId: string): Promise<Delivery> {
    const { event: e, payload } = state.events.get(eventId)!;
    let status = 0;
    let answer: unknown = null;
    if (webhookUrl) {
      const header = signer.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret });
      try {
        const response = await fetch(webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": header },
          body: payload,
        });
        status = response.status;
        const text = await response.text();
        try {
          answer = JSON.parse(text);
        } catch {
          answer = text;
        }
      } catch {
        status = -1;
      }
    }
    const delivery = { eventId, type: String(e.type), status, answer };
    state.deliveries.push(delivery);
    return delivery;
  }

  async function deliver(events: Obj[], how: DeliveryOptions = defaultDelivery): Promise<Delivery[]> {
    const ordered = how.reverse ? [...events].reverse() : events;
    const all = how.duplicate ? [...ordered, ...ordered] : ordered;
    const out: Delivery[] = [];
    // One after another, as Stripe's retries of separate events can arrive; the order is the test's choice.
    for (const e of all) out.push(await post(e.id));
    return out;
  }

  // ---- objects ------------------------------------------------------------------------------------------
  function periodSeconds(priceId: string) {
    const interval = (state.prices.get(priceId)?.recurring as { interval: string } | undefined)?.interval;
    return interval === "year" ? 365 * DAY : 30 * DAY;
  }

  function itemsOf(sub: Obj) {
    return (sub.items as { data: Obj[] }).data;
  }

  function periodEnd(sub: Obj): number {
    return Math.max(...itemsOf(sub).map((i) => Number(i.current_period_end)));
  }

  function makeInvoice(sub: Obj, paid: boolean): Obj {
    const item = itemsOf(sub)[0]!;
    const price = item.price as Obj;
    const amount = sub.status === "trialing" ? 0 : Number(price.unit_amount);
    const invoice: Obj = {
      id: newId("in"),
      object: "invoice",
      customer: sub.customer,
      number: `FAKE-${String(state.invoices.size + 1).padStart(4, "0")}`,
      status: paid ? "paid" : "open",
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      amount_remaining: paid ? 0 : amount,
      currency: price.currency,
      created: now(),
      attempt_count: paid ? 1 : 0,
      hosted_invoice_url: `${base}/invoices/placeholder`,
      parent: { type: "subscription_details", subscription_details: { subscription: sub.id } },
      lines: { object: "list", data: [{ id: newId("il"), amount, pricing: { price_details: { price: price.id } } }] },
    };
    invoice.hosted_invoice_url = `${base}/invoices/${invoice.id}`;
    state.invoices.set(invoice.id, invoice);
    sub.latest_invoice = invoice.id;
    return invoice;
  }

  async function completeCheckout(sessionId: string, how?: DeliveryOptions) {
    const session = state.checkoutSessions.get(sessionId);
    if (!session) throw new HttpError(404, `No such checkout.session: '${sessionId}'`);
    if (session.status !== "open") throw new HttpError(400, "This Checkout Session is no longer open.");
    const lineItems = session.line_items as { price: string; quantity: number }[];
    const trialDays = Number((session.subscription_data as { trial_period_days?: number } | undefined)?.trial_period_days ?? 0);
    const start = now();
    const trialEnd = trialDays > 0 ? start + trialDays * DAY : null;
    const sub: Obj = {
      id: newId("sub"),
      object: "subscription",
      customer: session.customer,
      status: trialEnd ? "trialing" : "active",
      created: start,
      start_date: start,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      trial_start: trialEnd ? start : null,
      trial_end: trialEnd,
      metadata: session.metadata ?? {},
      items: {
        object: "list",
        data: lineItems.map((li) => ({
          id: newId("si"),
          object: "subscription_item",
          price: structuredClone(state.prices.get(li.price)),
          quantity: li.quantity,
          current_period_start: start,
          current_period_end: trialEnd ?? start + periodSeconds(li.price),
        })),
      },
    };
    state.subscriptions.set(sub.id, sub);
    const invoice = makeInvoice(sub, true);
    Object.assign(session, { status: "complete", payment_status: trialEnd ? "no_payment_required" : "paid", subscription: sub.id });
    // Stripe's usual order; the app must not depend on it.
    const events = [
      event("customer.subscription.created", sub),
      event("invoice.paid", invoice),
      event("checkout.session.completed", session),
    ];
    return { subscriptionId: sub.id, deliveries: await deliver(events, how) };
  }

  function subscription(id: string): Obj {
    const sub = state.subscriptions.get(id);
    if (!sub) throw new HttpError(404, `No such subscription: '${id}'`);
    return sub;
  }

  async function cancelAtPeriodEnd(id: string, how?: DeliveryOptions) {
    const sub = subscription(id);
    Object.assign(sub, { cancel_at_period_end: true, cancel_at: periodEnd(sub), canceled_at: now() });
    return deliver([event("customer.subscription.updated", sub)], how);
  }

  async function failPayment(id: string, how?: DeliveryOptions) {
    const sub = subscription(id);
    let invoice = state.invoices.get(String(sub.latest_invoice));
    if (!invoice || invoice.status === "paid") invoice = makeInvoice(sub, false);
    invoice.attempt_count = Number(invoice.attempt_count) + 1;
    invoice.next_payment_attempt = now() + 3 * DAY;
    sub.status = "past_due";
    return deliver([event("invoice.payment_failed", invoice), event("customer.subscription.updated", sub)], how);
  }

  async function setStatus(id: string, status: string, how?: DeliveryOptions) {
    const sub = subscription(id);
    sub.status = status;
    return deliver([event("customer.subscription.updated", sub)], how);
  }

  /** Moves the fake's clock; periods that end are renewed (paid) or, when cancelled at period end, ended. */
  async function advanceClock(seconds: number, how?: DeliveryOptions) {
    clockOffset += seconds;
    const events: Obj[] = [];
    for (const sub of state.subscriptions.values()) {
      if (sub.status === "canceled" || sub.status === "incomplete_expired") continue;
      if (periodEnd(sub) > now()) continue;
      if (sub.cancel_at_period_end) {
        Object.assign(sub, { status: "canceled", ended_at: periodEnd(sub) });
        events.push(event("customer.subscription.deleted", sub));
        continue;
      }
      for (const item of itemsOf(sub)) {
        const start = Number(item.current_period_end);
        Object.assign(item, { current_period_start: start, current_period_end: start + periodSeconds(String((item.price as Obj).id)) });
      }
      if (sub.status === "trialing") sub.status = "active";
      const invoice = makeInvoice(sub, sub.status === "active");
      events.push(event(invoice.status === "paid" ? "invoice.paid" : "invoice.payment_failed", invoice));
      events.push(event("customer.subscription.updated", sub));
    }
    return deliver(events, how);
  }

  // ---- the API ------------------------------------------------------------------------------------------
  function list(all: Obj[], query: Record<string, FormValue>, url: string) {
    const limit = Math.min(100, Math.max(1, Number(str(query.limit) ?? 10)));
    const sorted = [...all].sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0));
    return { object: "list", url, has_more: sorted.length > limit, data: sorted.slice(0, limit) };
  }

  function api(method: string, path: string, body: Record<string, FormValue>, query: Record<string, FormValue>): unknown {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/customers") {
      const customer: Obj = {
        id: newId("cus"),
        object: "customer",
        created: now(),
        email: str(body.email) ?? null,
        name: str(body.name) ?? null,
        metadata: body.metadata ?? {},
      };
      state.customers.set(customer.id, customer);
      return customer;
    }
    if (method === "GET" && (m = /^\/v1\/customers\/([^/]+)$/.exec(path))) {
      const c = state.customers.get(m[1]!);
      if (!c) throw new HttpError(404, `No such customer: '${m[1]}'`);
      return c;
    }
    if (method === "GET" && path === "/v1/prices") {
      const keys = query.lookup_keys;
      const wanted = Array.isArray(keys) ? keys.map(String) : typeof keys === "string" ? [keys] : null;
      const found = [...state.prices.values()].filter((p) => !wanted || wanted.includes(String(p.lookup_key)));
      return list(found, { limit: "100" }, "/v1/prices");
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      if (str(body.mode) !== "subscription") throw new HttpError(400, "The fake supports mode=subscription only.");
      const customer = str(body.customer);
      if (!customer || !state.customers.has(customer)) throw new HttpError(400, `No such customer: '${customer}'`);
      const lineItems = Array.isArray(body.line_items) ? (body.line_items as Record<string, FormValue>[]) : [];
      if (lineItems.length === 0) throw new HttpError(400, "line_items is required in subscription mode.");
      const items = lineItems.map((li) => {
        const price = str(li.price);
        if (!price || !state.prices.has(price)) throw new HttpError(400, `No such price: '${price}'`);
        return { price, quantity: Number(str(li.quantity) ?? 1) };
      });
      const successUrl = str(body.success_url);
      if (!successUrl) throw new HttpError(400, "success_url is required.");
      const sub = body.subscription_data as Record<string, FormValue> | undefined;
      const trial = str(sub?.trial_period_days);
      const session: Obj = {
        id: newId("cs_test"),
        object: "checkout.session",
        mode: "subscription",
        status: "open",
        payment_status: "unpaid",
        customer,
        client_reference_id: str(body.client_reference_id) ?? null,
        metadata: body.metadata ?? {},
        line_items: items,
        subscription_data: trial ? { trial_period_days: Number(trial) } : {},
        success_url: successUrl,
        cancel_url: str(body.cancel_url) ?? null,
        subscription: null,
        created: now(),
        url: "",
      };
      session.url = `${base}/checkout/${session.id}`;
      state.checkoutSessions.set(session.id, session);
      return session;
    }
    if (method === "GET" && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      const s = state.checkoutSessions.get(m[1]!);
      if (!s) throw new HttpError(404, `No such checkout.session: '${m[1]}'`);
      return s;
    }
    if (method === "GET" && path === "/v1/subscriptions") {
      const customer = str(query.customer);
      const status = str(query.status) ?? "active";
      const subs = [...state.subscriptions.values()].filter(
        (s) => (!customer || s.customer === customer) && (status === "all" ? true : status === "active" ? s.status !== "canceled" : s.status === status),
      );
      return list(subs, query, "/v1/subscriptions");
    }
    if ((m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      const sub = subscription(m[1]!);
      if (method === "GET") return sub;
      // Cancels at once (Stripe's "cancel a subscription"): the subscription object, now canceled, and its event.
      if (method === "DELETE") {
        if (sub.status === "canceled" || sub.status === "incomplete_expired")
          throw new HttpError(400, `A canceled subscription can only update its cancellation_details and metadata.`);
        Object.assign(sub, { status: "canceled", canceled_at: now(), ended_at: now(), cancel_at_period_end: false });
        void deliver([event("customer.subscription.deleted", sub)]);
        return sub;
      }
      if (method === "POST") {
        if (str(body.cancel_at_period_end) !== undefined) {
          const cancel = str(body.cancel_at_period_end) === "true";
          Object.assign(sub, { cancel_at_period_end: cancel, cancel_at: cancel ? periodEnd(sub) : null });
          void deliver([event("customer.subscription.updated", sub)]);
        }
        return sub;
      }
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      const customer = str(body.customer);
      if (!customer || !state.customers.has(customer)) throw new HttpError(400, `No such customer: '${customer}'`);
      const session: Obj = { id: newId("bps"), object: "billing_portal.session", customer, return_url: str(body.return_url) ?? null, created: now(), url: "" };
      session.url = `${base}/portal/${session.id}`;
      state.portalSessions.set(session.id, session);
      return session;
    }
    if (method === "GET" && path === "/v1/invoices") {
      const customer = str(query.customer);
      return list([...state.invoices.values()].filter((i) => !customer || i.customer === customer), query, "/v1/invoices");
    }
    throw new HttpError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > 1_000_000) reject(new HttpError(413, "Request too large."));
        else chunks.push(c);
      });
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "request-id": newId("req") });
    res.end(JSON.stringify(body));
  };
  const html = (res: ServerResponse, body: string) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><meta name="viewport" content="width=device-width"><title>Fake Stripe</title></head><body style="font-family:sans-serif;max-width:30rem;margin:2rem auto">${body}</body></html>`);
  };
  const redirect = (res: ServerResponse, to: string) => {
    res.writeHead(303, { location: to });
    res.end();
  };

  function checkoutPage(session: Obj) {
    const items = (session.line_items as { price: string }[]).map((li) => state.prices.get(li.price)!);
    const trial = (session.subscription_data as { trial_period_days?: number }).trial_period_days;
    return `<h1>Fake Stripe Checkout</h1>
      ${items.map((p) => `<p>${escapeHtml(String(p.nickname))}: ${(Number(p.unit_amount) / 100).toFixed(2)} USD</p>`).join("")}
      ${trial ? `<p>${trial}-day free trial</p>` : ""}
      <form method="post" action="/checkout/${session.id}/pay"><button type="submit">Subscribe</button></form>
      ${session.cancel_url ? `<p><a href="${escapeHtml(String(session.cancel_url))}">Back</a></p>` : ""}`;
  }

  function portalPage(session: Obj) {
    const subs = [...state.subscriptions.values()].filter((s) => s.customer === session.customer && s.status !== "canceled");
    return `<h1>Fake Stripe customer portal</h1>
      ${subs
        .map(
          (s) => `<p>${escapeHtml(String((itemsOf(s)[0]!.price as Obj).nickname))}: ${escapeHtml(String(s.status))}${s.cancel_at_period_end ? " (cancels at period end)" : ""}</p>
        ${s.cancel_at_period_end ? "" : `<form method="post" action="/portal/${session.id}/cancel/${s.id}"><button type="submit">Cancel plan</button></form>`}`,
        )
        .join("")}
      ${session.return_url ? `<p><a href="${escapeHtml(String(session.return_url))}">Return to Linesmith</a></p>` : ""}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    const method = req.method ?? "GET";
    const raw = method === "GET" ? "" : await readBody(req);
    let m: RegExpExecArray | null;

    if (path.startsWith("/v1/")) {
      const auth = req.headers.authorization ?? "";
      if (auth !== `Bearer ${options.secretKey}`)
        throw new HttpError(401, "Invalid API Key provided.", "invalid_request_error");
      const body = parseStripeForm(raw);
      const query = parseStripeForm(url.search.slice(1));
      requests.push({ method, path, body });
      if (failure && failure.method === method && failure.path.test(path))
        throw new HttpError(failure.status, "An error occurred with our connection to Stripe.", "api_error");
      const key = method === "POST" ? req.headers["idempotency-key"] : undefined;
      const replay = typeof key === "string" ? idempotent.get(key) : undefined;
      if (replay) return json(res, replay.status, replay.body);
      const answer = api(method, path, body, query);
      if (typeof key === "string") idempotent.set(key, { status: 200, body: answer });
      return json(res, 200, answer);
    }

    // Browser pages.
    if (method === "GET" && (m = /^\/checkout\/([^/]+)$/.exec(path))) {
      const s = state.checkoutSessions.get(m[1]!);
      if (!s) throw new HttpError(404, "No such checkout session.");
      return html(res, checkoutPage(s));
    }
    if (method === "POST" && (m = /^\/checkout\/([^/]+)\/pay$/.exec(path))) {
      await completeCheckout(m[1]!);
      const s = state.checkoutSessions.get(m[1]!)!;
      return redirect(res, String(s.success_url).replace("{CHECKOUT_SESSION_ID}", s.id));
    }
    if (method === "GET" && (m = /^\/portal\/([^/]+)$/.exec(path))) {
      const s = state.portalSessions.get(m[1]!);
      if (!s) throw new HttpError(404, "No such portal session.");
      return html(res, portalPage(s));
    }
    if (method === "POST" && (m = /^\/portal\/([^/]+)\/cancel\/([^/]+)$/.exec(path))) {
      const s = state.portalSessions.get(m[1]!);
      const sub = state.subscriptions.get(m[2]!);
      if (!s || !sub || sub.customer !== s.customer) throw new HttpError(404, "No such subscription.");
      await cancelAtPeriodEnd(sub.id);
      return redirect(res, `/portal/${s.id}`);
    }

    // Test-only controls (JSON bodies).
    if (path.startsWith("/_test/")) {
      const input = (raw ? JSON.parse(raw) : {}) as Record<string, unknown> & DeliveryOptions;
      const how = input.duplicate !== undefined || input.reverse !== undefined ? { duplicate: input.duplicate, reverse: input.reverse } : undefined;
      if (method === "POST" && path === "/_test/delivery") {
        defaultDelivery = { duplicate: Boolean(input.duplicate), reverse: Boolean(input.reverse) };
        return json(res, 200, defaultDelivery);
      }
      if (method === "POST" && (m = /^\/_test\/checkout\/([^/]+)\/complete$/.exec(path))) return json(res, 200, await completeCheckout(m[1]!, how));
      if (method === "POST" && path === "/_test/clock/advance") {
        const seconds = input.toPeriodEnd ? secondsToPeriodEnd() : Number(input.seconds);
        if (!Number.isFinite(seconds) || seconds < 0) throw new HttpError(400, "seconds must be a positive number");
        return json(res, 200, { deliveries: await advanceClock(seconds, how) });
      }
      if (method === "POST" && (m = /^\/_test\/subscriptions\/([^/]+)\/fail-payment$/.exec(path))) return json(res, 200, { deliveries: await failPayment(m[1]!, how) });
      if (method === "GET" && path === "/_test/state")
        return json(res, 200, {
          customers: [...state.customers.values()],
          subscriptions: [...state.subscriptions.values()],
          deliveries: state.deliveries,
        });
    }
    throw new HttpError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  function secondsToPeriodEnd(): number {
    const ends = [...state.subscriptions.values()].filter((s) => s.status !== "canceled").map(periodEnd);
    return ends.length ? Math.max(0, Math.max(...ends) - now() + 60) : 0;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 400;
      const type = error instanceof HttpError ? error.type : "invalid_request_error";
      json(res, status, { error: { type, message: error instanceof Error ? error.message : String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    setWebhookUrl: (u) => {
      webhookUrl = u;
    },
    setDelivery: (d) => {
      defaultDelivery = d;
    },
    completeCheckout,
    cancelAtPeriodEnd,
    failPayment,
    setStatus,
    advanceClock,
    secondsToPeriodEnd,
    redeliver: post,
    setFailure: (f) => {
      failure = f;
    },
    state,
    requests,
  };
}
