import { describe, expect, it } from "vitest";
import { parseStripeForm } from "@/server/integrations/stripe/form";

describe("Stripe form bodies", () => {
  it("reads bracketed keys as Stripe does", () => {
    const body =
      "mode=subscription&customer=cus_1&line_items[0][price]=price_1&line_items[0][quantity]=1&line_items[1][price]=price_2" +
      "&subscription_data[trial_period_days]=14&metadata[userId]=u%201&success_url=http%3A%2F%2Fx%2Fs%3Fid%3D%7BCHECKOUT_SESSION_ID%7D" +
      "&expand[]=a&expand[]=b&lookup_keys[0]=k0&lookup_keys[1]=k1&name=Ann+Lee";
    expect(parseStripeForm(body)).toEqual({
      mode: "subscription",
      customer: "cus_1",
      line_items: [{ price: "price_1", quantity: "1" }, { price: "price_2" }],
      subscription_data: { trial_period_days: "14" },
      metadata: { userId: "u 1" },
      success_url: "http://x/s?id={CHECKOUT_SESSION_ID}",
      expand: ["a", "b"],
      lookup_keys: ["k0", "k1"],
      name: "Ann Lee",
    });
  });

  it("refuses malformed names and over-deep nesting", () => {
    expect(() => parseStripeForm("a[b=1")).toThrow(/malformed/);
    expect(() => parseStripeForm(`a${"[x]".repeat(10)}=1`)).toThrow(/malformed/);
    expect(parseStripeForm("")).toEqual({});
  });
});
